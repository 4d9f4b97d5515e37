import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/errors.ts';
import { customerAccessRules } from './customers.policy.ts';
import type { TreeNode } from './customers.schemas.ts';

/** Deeper groups than this are cut off in the tree (and refused when linking). */
export const MAX_DEPTH = 20;

/** The parent of a link must exist and be visible to the actor (404-style field error otherwise). */
export async function assertVisibleParent(tx: Tx, actor: Actor, parentId: string): Promise<void> {
  const rules = await customerAccessRules(tx, actor);
  const res = await tx.execute(
    sql`SELECT 1 FROM customers WHERE tenant_id = ${actor.tenantId} AND id = ${parentId} AND ${rules.read()}`,
  );
  if (!res.rows.length) throw invalidField('parentId', 'field.not_found');
}

/**
 * Refuse a link that would close a loop: the new parent may not be the customer itself or one of its
 * descendants. A per-tenant advisory lock serialises hierarchy changes so two opposite links cannot both pass.
 */
export async function assertNoCycle(tx: Tx, tenantId: string, id: string, parentId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`customers.hierarchy:${tenantId}`}))`);
  const res = await tx.execute<{ id: string; depth: number }>(sql`
    WITH RECURSIVE up(id, depth) AS (
      SELECT ${parentId}::uuid, 1
      UNION
      SELECT c.parent_id, up.depth + 1 FROM customers c JOIN up ON c.tenant_id = ${tenantId} AND c.id = up.id
      WHERE c.parent_id IS NOT NULL AND up.depth <= ${MAX_DEPTH * 2}
    )
    SELECT id, depth FROM up`);
  if (res.rows.some((r) => r.id === id)) throw new AppError(409, 'customers.hierarchy_cycle');
}

type FlatNode = {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  ownerName: string | null;
  depth: number;
  visible: boolean;
};

/**
 * The group around one visible customer: its visible ancestors (top first) and its descendants nested. An
 * invisible customer in between is left out and its visible children hang from the nearest visible one above.
 */
export async function customerTree(tx: Tx, actor: Actor, id: string) {
  const rules = await customerAccessRules(tx, actor);
  const t = actor.tenantId;
  const res = await tx.execute<FlatNode>(sql`
    WITH RECURSIVE up(id, depth) AS (
      SELECT parent_id, 1 FROM customers WHERE tenant_id = ${t} AND id = ${id} AND parent_id IS NOT NULL
      UNION
      SELECT c.parent_id, up.depth + 1 FROM customers c JOIN up ON c.tenant_id = ${t} AND c.id = up.id
      WHERE c.parent_id IS NOT NULL AND up.depth < ${MAX_DEPTH}
    ), down(id, depth) AS (
      SELECT ${id}::uuid, 0
      UNION
      SELECT c.id, down.depth + 1 FROM customers c JOIN down ON c.tenant_id = ${t} AND c.parent_id = down.id
      WHERE down.depth < ${MAX_DEPTH}
    ), nodes AS (SELECT id, -depth AS depth FROM up UNION ALL SELECT id, depth FROM down)
    SELECT customers.id, customers.parent_id AS "parentId", customers.name, customers.short_name AS "shortName",
      o.name AS "ownerName", nodes.depth, (${rules.read()}) AS visible
    FROM nodes JOIN customers ON customers.tenant_id = ${t} AND customers.id = nodes.id
    LEFT JOIN users o ON o.tenant_id = customers.tenant_id AND o.id = customers.owner_id
    ORDER BY nodes.depth, customers.name, customers.id`);
  const self = res.rows.find((r) => r.depth === 0);
  if (!self?.visible) throw notFound();
  const leaf = (r: FlatNode) => ({ id: r.id, name: r.name, shortName: r.shortName, ownerName: r.ownerName });
  const ancestors = res.rows.filter((r) => r.depth < 0 && r.visible).map(leaf);
  const below = res.rows.filter((r) => r.depth >= 0);
  const byId = new Map(below.map((r) => [r.id, r]));
  const nodes = new Map<string, TreeNode>(
    below.filter((r) => r.visible).map((r) => [r.id, { ...leaf(r), children: [] }]),
  );
  for (const r of below) {
    if (!r.visible || r.id === id) continue;
    let parent = r.parentId ? byId.get(r.parentId) : undefined;
    while (parent && !parent.visible) parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    nodes.get(parent?.id ?? id)?.children.push(nodes.get(r.id)!);
  }
  return { ancestors, node: nodes.get(id)! };
}

/** One figure of the group roll-up, computed over the visible customers of the subtree (CTE "tree"). */
export interface Rollup {
  key: string;
  label: { 'zh-CN': string; en: string };
  /** A scalar SQL expression; "tree" holds the ids of the visible customers of the subtree (root included). */
  sql: (tenantId: string) => ReturnType<typeof sql>;
  /** Left out while this table does not exist (modules written later). */
  requiresTable?: string;
}

const rollups = new Map<string, Rollup>();
/** Later modules add their figures (revenue, receivables, …); a key registered again replaces the old one. */
export function registerRollup(r: Rollup): void {
  rollups.set(r.key, r);
}
export const rollupRegistry = () => [...rollups.values()];

const existingTables = new Set<string>();
export async function tableExists(tx: Tx, name: string): Promise<boolean> {
  if (existingTables.has(name)) return true;
  const res = await tx.execute<{ t: string | null }>(sql`SELECT to_regclass(${name})::text AS t`);
  if (res.rows[0]?.t) existingTables.add(name);
  return existingTables.has(name);
}

/** The group roll-up over the whole subtree, in one recursive statement. */
export async function customerRollup(tx: Tx, actor: Actor, id: string) {
  const rules = await customerAccessRules(tx, actor);
  const t = actor.tenantId;
  const active: Rollup[] = [];
  for (const r of rollups.values()) if (!r.requiresTable || (await tableExists(tx, r.requiresTable))) active.push(r);
  const figures = active.map((r) => sql`, (${r.sql(t)})::float8 AS ${sql.identifier(r.key)}`);
  const res = await tx.execute<Record<string, unknown>>(sql`
    WITH RECURSIVE down(id, depth) AS (
      SELECT ${id}::uuid, 0
      UNION
      SELECT c.id, down.depth + 1 FROM customers c JOIN down ON c.tenant_id = ${t} AND c.parent_id = down.id
      WHERE down.depth < ${MAX_DEPTH}
    ), tree AS (
      SELECT customers.id FROM down JOIN customers ON customers.tenant_id = ${t} AND customers.id = down.id
      WHERE ${rules.read()}
    )
    SELECT EXISTS (SELECT 1 FROM tree WHERE id = ${id}) AS "__self",
      (SELECT count(*)::int - 1 FROM tree) AS subsidiaries ${sql.join(figures, sql``)}`);
  const row = res.rows[0];
  if (!row?.__self) throw notFound();
  const out: Record<string, number> = { subsidiaries: Number(row.subsidiaries) };
  for (const r of active) out[r.key] = Number(row[r.key] ?? 0);
  return { out, active };
}

registerRollup({
  key: 'contacts',
  label: { 'zh-CN': '联系人', en: 'Contacts' },
  requiresTable: 'contacts',
  sql: (t) => sql`SELECT count(*) FROM contacts x WHERE x.tenant_id = ${t} AND x.customer_id IN (SELECT id FROM tree)`,
});
registerRollup({
  key: 'followUps',
  label: { 'zh-CN': '跟进记录', en: 'Follow-ups' },
  requiresTable: 'follow_ups',
  sql: (t) =>
    sql`SELECT count(*) FROM follow_ups x WHERE x.tenant_id = ${t} AND x.customer_id IN (SELECT id FROM tree)`,
});
