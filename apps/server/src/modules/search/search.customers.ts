// The customers source of global search: name, short name, phone and e-mail substrings, Chinese included,
// over the per-company trigram and 1–2-character GIN indexes (migrations 0006, 0016), under the data scope.
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { escapeLike, normalizeWidth, searchPatterns } from '../../platform/text/index.ts';
import { customerVisibility } from '../customers/customers.policy.ts';
import { customers } from '../customers/customers.table.ts';
import { users } from '../employees/employees.table.ts';
import type { SearchHit } from './search.registry.ts';

/** The patterns a search text stands for: a substring of the name, short name, phone digits or e-mail. */
export const customerPatterns = searchPatterns;

/**
 * `customers.id IN (…)` for a search text, for any customer query (search, the list's q filter). The match
 * runs in search_customer_ids (migrations 0006, 0016), where the trigram indexes can serve it: under row-level
 * security PostgreSQL will not use an index for ILIKE. The caller still applies the tenant and data scope.
 */
export function customerTextMatch(q: string): SQL {
  const p = customerPatterns(q);
  return sql`${customers.id} IN (SELECT id FROM search_customer_ids(${p.name}, ${p.phone}, ${p.email}, ${p.gram}))`;
}

/** The search query itself, exported so tests can EXPLAIN exactly what runs. */
export async function customerSearchQuery(tx: Tx, actor: Actor, q: string, limit: number): Promise<SQL> {
  const visible = await customerVisibility(tx, actor);
  const prefix = `${escapeLike(normalizeWidth(q).trim())}%`;
  return sql`SELECT ${customers.id} AS id, ${customers.name} AS name, ${customers.shortName} AS "shortName",
      ${customers.phone} AS phone, ${users.name} AS "ownerName"
    FROM ${customers}
    LEFT JOIN ${users} ON ${users.tenantId} = ${customers.tenantId} AND ${users.id} = ${customers.ownerId}
    WHERE ${customers.tenantId} = ${actor.tenantId} AND ${customerTextMatch(q)} AND ${visible}
    ORDER BY (${customers.name} ILIKE ${prefix}) DESC, length(${customers.name}), ${customers.updatedAt} DESC
    LIMIT ${limit}`;
}

interface Row {
  id: string;
  name: string;
  shortName: string | null;
  phone: string | null;
  ownerName: string | null;
}

export async function searchCustomers(tx: Tx, actor: Actor, q: string, limit: number): Promise<SearchHit[]> {
  const { rows } = await tx.execute(await customerSearchQuery(tx, actor, q, limit));
  return (rows as unknown as Row[]).map((r) => ({
    type: 'customer',
    id: r.id,
    title: r.name,
    subtitle: [r.shortName, r.phone, r.ownerName].filter(Boolean).join(' · ') || null,
    url: `/customers/${r.id}`,
  }));
}
