// Substring search over contacts (the list's q, mass mailings by filter, global search): name (Chinese
// included), mobile digits and e-mail, over the per-company trigram and 1–2-character GIN indexes of migrations 0012 and 0016.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { searchPatterns } from '../../platform/text/index.ts';

/** The patterns a search text stands for (the same reading as for customers). */
export const contactPatterns = searchPatterns;

/**
 * `<id> IN (…)` for a search text, for any contact query. The match runs in search_contact_ids (migration
 * 0012), where the trigram indexes can serve it: under row-level security PostgreSQL will not use an index for
 * ILIKE. The caller still applies the tenant and the customer's data scope. `id` is the contact id column of
 * the caller's query (ct.id in raw SQL, contacts.id with drizzle).
 */
export function contactTextMatch(q: string, id: AnyColumn | SQL = sql`ct.id`): SQL {
  const p = contactPatterns(q);
  return sql`${id} IN (SELECT id FROM search_contact_ids(${p.name}, ${p.phone}, ${p.email}, ${p.gram}))`;
}
