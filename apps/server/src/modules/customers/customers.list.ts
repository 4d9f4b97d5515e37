import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { loadOrgSnapshot } from '../../platform/access/org-snapshot.ts';
import { subordinatesOf } from '../../platform/access/scope.ts';
import type { Tx } from '../../platform/db/database.ts';
import { executePrepared } from '../../platform/db/prepared.ts';
import { invalidField } from '../../platform/errors/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { customerTextMatch } from '../search/search.customers.ts';
import { type CustomerAccessRules, customerAccessRules } from './customers.policy.ts';
import { customerColumns, customerJoins, toCustomer } from './customers.queries.ts';
import type { CustomerListQuery, SortField } from './customers.schemas.ts';
import { customFilterFromQuery, listCustomFields } from './customers.seams.ts';
import { customers } from './customers.table.ts';

/** Totals are exact up to this many rows; past it the list says "1,000+" (totalIsEstimate). Counting further
 * costs more than the page itself at a million rows (bench/), and nobody pages through a thousand anyway. */
export const TOTAL_CAP = 1_000;

const SORT_COLUMNS: Record<SortField, { column: string; nullable: boolean; date: boolean }> = {
  updatedAt: { column: 'updated_at', nullable: false, date: true },
  createdAt: { column: 'created_at', nullable: false, date: true },
  lastFollowUpAt: { column: 'last_follow_up_at', nullable: true, date: true },
  nextContactAt: { column: 'next_contact_at', nullable: true, date: true },
  name: { column: 'name', nullable: false, date: false },
};

/**
 * `custom.<key>=…` parameters through the custom-fields module's reading of them (equality and multiselect as
 * jsonb containment on the GIN index, ranges `a..b`, `!` empty, `*` any). An unknown key is a 400.
 */
async function customFilters(tx: Tx, tenantId: string, query: Record<string, unknown>): Promise<SQL[]> {
  const params = Object.entries(query).filter(([k]) => k.startsWith('custom.'));
  if (!params.length) return [];
  const fields = new Map((await listCustomFields(tx, tenantId, 'customer')).map((f) => [f.key, f]));
  return params.map(([param, raw]) => {
    const field = fields.get(param.slice('custom.'.length));
    if (!field) throw invalidField(param, 'field.unknown');
    if (typeof raw !== 'string') throw invalidField(param, 'field.invalid_type');
    return customFilterFromQuery(customers.custom, field, raw);
  });
}

async function viewCondition(tx: Tx, actor: Actor, rules: CustomerAccessRules, view: CustomerListQuery['view']) {
  switch (view) {
    case 'mine':
      return sql`customers.owner_id = ${actor.userId}`;
    case 'subordinates': {
      const org = await loadOrgSnapshot(tx, actor.tenantId, actor.orgVersion);
      const scope = rules.visibleOwners;
      const subs = [...subordinatesOf(org, actor.userId)].filter((id) => scope === 'all' || scope.has(id));
      if (!subs.length) return sql`false`;
      return sql`customers.owner_id = ANY(${`{${subs.join(',')}}`}::uuid[])`;
    }
    case 'shared':
      return sql`customers.owner_id <> ${actor.userId} AND ${rules.sharedToMe()}`;
    default:
      return sql`true`;
  }
}

/** Every condition of the list except the cursor: tenant, owned (pool customers have their own lists), scope, view, filters. */
async function listConditions(tx: Tx, actor: Actor, rules: CustomerAccessRules, q: CustomerListQuery): Promise<SQL[]> {
  const c: SQL[] = [
    sql`customers.tenant_id = ${actor.tenantId}`,
    sql`customers.owner_id IS NOT NULL`,
    await viewCondition(tx, actor, rules, q.view),
  ];
  // 我负责的 and 下属负责的 name owners inside the actor's scope already; repeating the read rule (with its
  // share sub-plan) there only doubles the planning work. The other views need it.
  if (q.view !== 'mine' && q.view !== 'subordinates') c.push(rules.read());
  const eq = (column: string, value: unknown) => {
    if (value !== undefined) c.push(sql`${sql.identifier('customers')}.${sql.identifier(column)} = ${value}`);
  };
  eq('kind', q.kind);
  eq('level', q.level);
  eq('source', q.source);
  eq('status', q.status);
  eq('industry', q.industry);
  eq('owner_id', q.ownerId);
  eq('department_id', q.departmentId);
  eq('parent_id', q.parentId);
  eq('is_key', q.isKey);
  eq('deal_status', q.dealStatus);
  eq('province', q.province);
  eq('city', q.city);
  eq('district', q.district);
  if (q.tag) c.push(sql`customers.tags @> ARRAY[${q.tag}]::text[]`);
  // Name, short name, phone digits or e-mail substring, through the trigram indexes (as global search does).
  if (q.q) c.push(customerTextMatch(q.q));
  if (q.createdFrom) c.push(sql`customers.created_at >= ${q.createdFrom.toISOString()}::timestamptz`);
  if (q.createdTo) c.push(sql`customers.created_at < ${q.createdTo.toISOString()}::timestamptz`);
  if (q.updatedFrom) c.push(sql`customers.updated_at >= ${q.updatedFrom.toISOString()}::timestamptz`);
  if (q.updatedTo) c.push(sql`customers.updated_at < ${q.updatedTo.toISOString()}::timestamptz`);
  if (q.followUpBefore) {
    const at = q.followUpBefore.toISOString();
    c.push(sql`(customers.last_follow_up_at IS NULL OR customers.last_follow_up_at < ${at}::timestamptz)`);
  }
  if (q.nextContactBefore) {
    c.push(sql`customers.next_contact_at < ${q.nextContactBefore.toISOString()}::timestamptz`);
  }
  c.push(...(await customFilters(tx, actor.tenantId, q)));
  return c;
}

/**
 * Keyset condition after the cursor (sort value, id). PostgreSQL's default null placement is kept (nulls
 * last ascending, first descending) so the (tenant, owner, sort, id) indexes serve both directions.
 */
function afterCursor(sort: SortField, order: 'asc' | 'desc', cursor: unknown[]): SQL {
  const { column, nullable, date } = SORT_COLUMNS[sort];
  const [value, id] = cursor;
  const valid =
    cursor.length === 2 &&
    typeof id === 'string' &&
    /^[0-9a-f-]{36}$/i.test(id) &&
    (value === null ? nullable : typeof value === 'string' && (!date || !Number.isNaN(Date.parse(value))));
  if (!valid) throw invalidField('cursor', 'field.invalid_type');
  const col = sql`${sql.identifier('customers')}.${sql.identifier(column)}`;
  const v = date ? sql`${value}::timestamptz` : sql`${value}`;
  const cid = sql`${id}::uuid`;
  if (order === 'desc') {
    if (value === null) return sql`((${col} IS NULL AND customers.id < ${cid}) OR ${col} IS NOT NULL)`;
    return sql`(${col}, customers.id) < (${v}, ${cid})`;
  }
  if (value === null) return sql`(${col} IS NULL AND customers.id > ${cid})`;
  return nullable
    ? sql`((${col}, customers.id) > (${v}, ${cid}) OR ${col} IS NULL)`
    : sql`(${col}, customers.id) > (${v}, ${cid})`;
}

/** The whole page as one statement: the capped total, the rows with names joined, and each row's sort key. */
export async function customerListSql(tx: Tx, actor: Actor, q: CustomerListQuery): Promise<SQL> {
  const rules = await customerAccessRules(tx, actor);
  const conditions = await listConditions(tx, actor, rules, q);
  const where = sql.join(conditions, sql` AND `);
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined;
  if (q.cursor && !cursor) throw invalidField('cursor', 'field.invalid_type');
  const pageWhere = cursor ? sql`${where} AND ${afterCursor(q.sort, q.order, cursor)}` : where;
  const { column, date } = SORT_COLUMNS[q.sort];
  const col = sql`${sql.identifier('customers')}.${sql.identifier(column)}`;
  const dir = q.order === 'desc' ? sql`DESC` : sql`ASC`;
  const sortKey = date ? sql`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : col;
  return sql`WITH total AS (
      SELECT count(*)::int AS n FROM (SELECT 1 FROM customers WHERE ${where} LIMIT ${TOTAL_CAP + 1}) capped
    ), page AS (
      SELECT ${customerColumns(rules, actor.tenantId)}, ${sortKey} AS "__sortKey", ${col} AS "__sort"
      FROM customers ${customerJoins}
      WHERE ${pageWhere}
      ORDER BY ${col} ${dir}, customers.id ${dir}
      LIMIT ${q.limit + 1}
    )
    SELECT total.n AS "__total", page.* FROM total LEFT JOIN page ON true
    ORDER BY page."__sort" ${dir}, page.id ${dir}`;
}

export async function listCustomers(tx: Tx, actor: Actor, q: CustomerListQuery) {
  const res = await executePrepared<Record<string, unknown>>(tx, await customerListSql(tx, actor, q));
  const total = Number(res.rows[0]?.__total ?? 0);
  const rows = res.rows.filter((r) => r.id != null);
  const pageRows = rows.slice(0, q.limit);
  const last = pageRows.at(-1);
  const nextCursor =
    rows.length > q.limit && last ? encodeCursor([(last.__sortKey as string | null) ?? null, last.id]) : null;
  return {
    items: pageRows.map(toCustomer),
    nextCursor,
    total: Math.min(total, TOTAL_CAP),
    totalIsEstimate: total > TOTAL_CAP,
  };
}
