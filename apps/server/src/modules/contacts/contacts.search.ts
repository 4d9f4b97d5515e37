// Substring search over contacts (the list's q, mass mailings by filter, global search): name (Chinese
// included), mobile digits and e-mail, over the trigram GIN indexes of migration 0012.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { emailKey, escapeLike, normalizeWidth } from '../../platform/text/index.ts';

export interface ContactPatterns {
  /** ILIKE pattern on the name. */
  name: string;
  /** LIKE pattern on the mobile, when the text could be part of a number (3+ digits). */
  phone: string | null;
  /** ILIKE pattern on the e-mail, when the text could be part of an address. */
  email: string | null;
}

/** The patterns a search text stands for (the same reading as for customers). */
export function contactPatterns(q: string): ContactPatterns {
  const text = normalizeWidth(q).trim();
  const digits = text.replace(/[\s()+-]/g, '');
  const email = emailKey(text);
  return {
    name: `%${escapeLike(text)}%`,
    phone: /^\d{3,}$/.test(digits) ? `%${digits}%` : null,
    email: email && /^[\w.+@-]{3,}$/.test(email) ? `%${escapeLike(email)}%` : null,
  };
}

/**
 * `<id> IN (…)` for a search text, for any contact query. The match runs in search_contact_ids (migration
 * 0012), where the trigram indexes can serve it: under row-level security PostgreSQL will not use an index for
 * ILIKE. The caller still applies the tenant and the customer's data scope. `id` is the contact id column of
 * the caller's query (ct.id in raw SQL, contacts.id with drizzle).
 */
export function contactTextMatch(q: string, id: AnyColumn | SQL = sql`ct.id`): SQL {
  const p = contactPatterns(q);
  return sql`${id} IN (SELECT id FROM search_contact_ids(${p.name}, ${p.phone}, ${p.email}))`;
}
