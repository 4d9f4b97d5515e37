import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { invalidField, notFound } from '../../platform/errors/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { liveCustomValues } from '../customfields/index.ts';
import { accessColumn, customerConditions } from './contacts.policy.ts';
import type { Contact, ContactFilter, ContactListQuery } from './contacts.schemas.ts';
import { contactTextMatch } from './contacts.search.ts';

const toDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

/**
 * Contacts joined to their customer, limited to customers the actor may see, as one statement (exported so
 * tests can EXPLAIN exactly what runs). `where` is ANDed on; rows come ordered by (name, id) for keyset
 * pagination.
 */
export async function contactsSql(tx: Tx, actor: Actor, where: SQL, limit: number): Promise<SQL> {
  const { read, write } = await customerConditions(tx, actor);
  return sql`
    SELECT ct.id, ct.customer_id AS "customerId", customers.name AS "customerName", ct.owner_id AS "ownerId",
      ct.name, ct.title, ct.mobile, ct.email, ct.wechat, ct.birthday::text AS birthday, ct.is_key AS "isKey",
      ${liveCustomValues(sql`ct.custom`, actor.tenantId, 'contact')} AS custom,
      ct.created_at AS "createdAt", ct.updated_at AS "updatedAt", ${accessColumn(write)} AS access
    FROM contacts ct
    JOIN customers ON customers.tenant_id = ct.tenant_id AND customers.id = ct.customer_id
    WHERE ct.tenant_id = ${actor.tenantId} AND ${read} AND ${where}
    ORDER BY ct.name, ct.id
    LIMIT ${limit}`;
}

/** The rows of contactsSql in the response shape. */
export async function selectContacts(tx: Tx, actor: Actor, where: SQL, limit: number): Promise<Contact[]> {
  const result = await tx.execute<Contact>(await contactsSql(tx, actor, where, limit));
  return result.rows.map((r) => ({
    ...r,
    custom: typeof r.custom === 'string' ? JSON.parse(r.custom) : (r.custom ?? {}),
    createdAt: toDate(r.createdAt),
    updatedAt: toDate(r.updatedAt),
  }));
}

/** The filter conditions shared by the list and by mass mailings. */
export function filterConditions(filter: ContactFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.customerId) conditions.push(sql`ct.customer_id = ${filter.customerId}`);
  if (filter.isKey !== undefined) conditions.push(sql`ct.is_key = ${filter.isKey}`);
  if (filter.q) conditions.push(contactTextMatch(filter.q));
  return conditions;
}

export async function listContacts(tx: Tx, actor: Actor, query: ContactListQuery) {
  const conditions = filterConditions(query);
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    if (!c || typeof c[0] !== 'string' || typeof c[1] !== 'string') throw invalidField('cursor', 'field.invalid_type');
    conditions.push(sql`(ct.name, ct.id) > (${c[0]}, ${c[1]}::uuid)`);
  }
  const where = conditions.length ? sql.join(conditions, sql` AND `) : sql`true`;
  const rows = await selectContacts(tx, actor, where, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null };
}

/** One contact the actor may see (through its customer); anything else is 404. */
export async function findVisibleContact(tx: Tx, actor: Actor, id: string): Promise<Contact> {
  const [row] = await selectContacts(tx, actor, sql`ct.id = ${id}`, 1);
  if (!row) throw notFound();
  return row;
}
