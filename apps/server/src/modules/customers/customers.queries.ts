import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { executePrepared } from '../../platform/db/prepared.ts';
import { notFound } from '../../platform/errors/errors.ts';
import { type CustomerAccessRules, customerAccessRules } from './customers.policy.ts';
import type { Customer } from './customers.schemas.ts';
import { liveCustomValues } from './customers.seams.ts';

/**
 * The response columns of a customer, owner / department / parent names joined in the same statement.
 * The customers table stays unaliased (the access rules name its columns); joins are o, d and p.
 * custom leaves out values of deleted custom fields.
 */
export function customerColumns(rules: CustomerAccessRules, tenantId: string): SQL {
  const parentVisible = rules.read({ id: sql`p.id`, owner: sql`p.owner_id` });
  return sql`customers.id, customers.kind, customers.name, customers.short_name AS "shortName",
    customers.credit_code AS "creditCode", customers.industry, customers.level, customers.source, customers.status,
    customers.tags, customers.phone, customers.email, customers.website, customers.province, customers.city,
    customers.district, customers.street, customers.latitude::text AS latitude, customers.longitude::text AS longitude,
    customers.owner_id AS "ownerId", o.name AS "ownerName", customers.department_id AS "departmentId",
    d.name AS "departmentName", customers.pool_id AS "poolId", customers.parent_id AS "parentId",
    CASE WHEN p.id IS NOT NULL AND ${parentVisible} THEN p.name END AS "parentName",
    customers.is_key AS "isKey", customers.deal_status AS "dealStatus", customers.last_deal_at AS "lastDealAt",
    customers.next_contact_at AS "nextContactAt", customers.last_follow_up_at AS "lastFollowUpAt",
    customers.owned_since AS "ownedSince",
    ${liveCustomValues(sql`customers.custom`, tenantId, 'customer')} AS custom, customers.created_at AS "createdAt",
    customers.updated_at AS "updatedAt", (${rules.write()}) AS writable`;
}

export const customerJoins = sql`LEFT JOIN users o ON o.tenant_id = customers.tenant_id AND o.id = customers.owner_id
    LEFT JOIN departments d ON d.tenant_id = customers.tenant_id AND d.id = customers.department_id
    LEFT JOIN customers p ON p.tenant_id = customers.tenant_id AND p.id = customers.parent_id`;

const DATE_FIELDS = ['lastDealAt', 'nextContactAt', 'lastFollowUpAt', 'ownedSince', 'createdAt', 'updatedAt'] as const;
const asDate = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

/** A raw row (either engine) → the response shape. */
export function toCustomer(row: Record<string, unknown>): Customer {
  const out = { ...row } as Record<string, unknown>;
  for (const f of DATE_FIELDS) out[f] = asDate(row[f]);
  if (typeof out.custom === 'string') out.custom = JSON.parse(out.custom);
  if (typeof out.tags === 'string') out.tags = parsePgArray(out.tags);
  out.access = row.writable ? 'write' : 'read';
  delete out.writable;
  for (const k of Object.keys(out)) if (k.startsWith('__')) delete out[k];
  return out as Customer;
}

function parsePgArray(v: string): string[] {
  const inner = v.replace(/^\{|\}$/g, '');
  if (!inner) return [];
  return inner.split(',').map((s) => s.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1'));
}

/** Customers by id that the actor may see, in the response shape (one statement). */
export async function selectVisibleCustomers(tx: Tx, actor: Actor, ids: string[]): Promise<Customer[]> {
  if (!ids.length) return [];
  const rules = await customerAccessRules(tx, actor);
  // Prepared: a customer's view and every create/edit answer run it, and its plan costs more than its run.
  const res = await executePrepared<Record<string, unknown>>(
    tx,
    sql`
    SELECT ${customerColumns(rules, actor.tenantId)} FROM customers ${customerJoins}
    WHERE customers.tenant_id = ${actor.tenantId} AND customers.id = ANY(${`{${ids.join(',')}}`}::uuid[])
      AND ${rules.read()}`,
  );
  return res.rows.map(toCustomer);
}

/** One customer the actor may see; unknown, foreign and invisible ids are all 404. */
export async function findVisibleCustomer(tx: Tx, actor: Actor, id: string): Promise<Customer> {
  const [row] = await selectVisibleCustomers(tx, actor, [id]);
  if (!row) throw notFound();
  return row;
}

export async function isCustomerVisible(tx: Tx, actor: Actor, id: string): Promise<boolean> {
  const rules = await customerAccessRules(tx, actor);
  const res = await tx.execute(
    sql`SELECT 1 FROM customers WHERE tenant_id = ${actor.tenantId} AND id = ${id} AND ${rules.read()}`,
  );
  return res.rows.length > 0;
}
