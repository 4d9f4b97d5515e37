import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { loadOrgSnapshot } from '../../platform/access/org-snapshot.ts';
import { defaultAccessFor } from '../../platform/access/sharing.ts';
import { departmentsAbove, ownerCondition, visibleOwnersIn } from '../../platform/access/visibility.ts';
import type { Tx } from '../../platform/db/database.ts';
import { customers } from './customers.table.ts';

export const CUSTOMER = 'customer';

type Cols = { id: SQL | typeof customers.id; owner: SQL | typeof customers.ownerId };
const main: Cols = { id: customers.id, owner: customers.ownerId };

/** Extra read grants from other modules (the pools module: pool customers for members of the pool's departments). */
type VisibilityExtension = (tx: Tx, actor: Actor, cols: Cols) => Promise<SQL | null>;
const extensions = new Map<string, VisibilityExtension>();
export function extendCustomerVisibility(key: string, ext: VisibilityExtension): void {
  extensions.set(key, ext);
}

export interface CustomerAccessRules {
  /** SQL: the actor may read the customer whose id/owner columns are given (default: the customers table). */
  read(cols?: Cols): SQL;
  /** SQL: the actor may change it. */
  write(cols?: Cols): SQL;
  /** SQL: the customer is shared to the actor or a department at or above theirs (any access). */
  sharedToMe(cols?: Cols): SQL;
  visibleOwners: Awaited<ReturnType<typeof visibleOwnersIn>>;
}

/**
 * The same rules as platform/access/sharing.ts recordVisibility / recordWritability (owner within the data
 * scope on "customers", the tenant's default sharing, shares to the actor or their departments), fetched
 * once per request so a list page can use them on several aliases without further round trips.
 */
export function customerAccessRules(tx: Tx, actor: Actor): Promise<CustomerAccessRules> {
  // Once per request transaction: a create, for one, needs them for its duplicate check and its answer.
  let rules = perTransaction.get(tx);
  if (!rules) {
    rules = buildAccessRules(tx, actor);
    perTransaction.set(tx, rules);
  }
  return rules;
}
const perTransaction = new WeakMap<Tx, Promise<CustomerAccessRules>>();

async function buildAccessRules(tx: Tx, actor: Actor): Promise<CustomerAccessRules> {
  const visible = await visibleOwnersIn(tx, actor, 'customers');
  const access = visible === 'all' ? 'private' : await defaultAccessFor(tx, actor, CUSTOMER);
  const org = await loadOrgSnapshot(tx, actor.tenantId, actor.orgVersion);
  const departments = `{${departmentsAbove(org, actor.departmentId).join(',')}}`;
  // Extensions apply to the customers table itself (other aliases, e.g. a parent's name, go without them).
  const extra = (await Promise.all([...extensions.values()].map((ext) => ext(tx, actor, main)))).filter(
    (s): s is SQL => s !== null,
  );

  const shared = (cols: Cols, writeOnly: boolean) =>
    sql`EXISTS (SELECT 1 FROM record_shares s
      WHERE s.tenant_id = ${actor.tenantId} AND s.object_type = ${CUSTOMER} AND s.record_id = ${cols.id}
        ${writeOnly ? sql`AND s.access = 'write'` : sql``}
        AND (s.user_id = ${actor.userId} OR s.department_id = ANY(${departments}::uuid[])))`;
  const rule = (cols: Cols, write: boolean): SQL => {
    if (visible === 'all') return sql`true`;
    if (access === 'public_write' || (access === 'public_read' && !write)) return sql`true`;
    const parts = [ownerCondition(visible, cols.owner), shared(cols, write)];
    if (!write && cols === main) parts.push(...extra);
    return sql`(${sql.join(parts, sql` OR `)})`;
  };
  return {
    read: (cols = main) => rule(cols, false),
    write: (cols = main) => rule(cols, true),
    sharedToMe: (cols = main) => shared(cols, false),
    visibleOwners: visible,
  };
}

/**
 * Which customers the actor may see: owner within their data scope on "customers", the tenant's default
 * sharing, or a share to them or a department above them. Every customer list, detail, search, aggregate
 * and export — and every child record (contacts, follow-ups …) through its customer — goes through this.
 * Pool customers (no owner) are granted by the pools module through extendCustomerVisibility.
 */
export const customerVisibility = async (tx: Tx, actor: Actor): Promise<SQL> =>
  (await customerAccessRules(tx, actor)).read();

/** Which customers the actor may change (edit their data, add contacts and follow-ups). */
export const customerWritability = async (tx: Tx, actor: Actor): Promise<SQL> =>
  (await customerAccessRules(tx, actor)).write();
