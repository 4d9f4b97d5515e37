import { and, desc, eq, gte, ilike, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Visible } from '../../platform/access/scope.ts';
import { ownerCondition } from '../../platform/access/visibility.ts';
import type { Tx } from '../../platform/db/database.ts';
import { escapeLike } from '../../platform/text/index.ts';
import { users } from '../employees/employees.table.ts';
import { leadVisible } from './leads.policy.ts';
import type { LeadListQuery } from './leads.schemas.ts';
import { type LeadStatus, leads } from './leads.table.ts';

/* SQL only: no rules, no permissions. Every read takes the visible owners, so no path can skip the scope. */

export const leadColumns = {
  id: leads.id,
  source: leads.source,
  companyName: leads.companyName,
  contactName: leads.contactName,
  title: leads.title,
  phone: leads.phone,
  mobile: leads.mobile,
  email: leads.email,
  address: leads.address,
  status: leads.status,
  invalidReason: leads.invalidReason,
  notes: leads.notes,
  nextContactAt: leads.nextContactAt,
  ownerId: leads.ownerId,
  ownerName: users.name,
  returnReason: leads.returnReason,
  returnedAt: leads.returnedAt,
  convertedCustomerId: leads.convertedCustomerId,
  convertedContactId: leads.convertedContactId,
  convertedOpportunityId: leads.convertedOpportunityId,
  convertedAt: leads.convertedAt,
  convertedBy: leads.convertedBy,
  createdAt: leads.createdAt,
  updatedAt: leads.updatedAt,
};

const withOwner = and(eq(users.tenantId, leads.tenantId), eq(users.id, leads.ownerId));

/**
 * One page, newest first, keyset-paginated on id (UUIDv7, so id order is creation order). pool: the
 * ownerless leads; otherwise the owned leads within the scope.
 */
export function selectPage(
  tx: Tx,
  tenantId: string,
  visible: Visible,
  opts: Omit<LeadListQuery, 'cursor'> & { beforeId?: string; pool: boolean },
) {
  const q = opts.q ? `%${escapeLike(opts.q)}%` : undefined;
  return tx
    .select(leadColumns)
    .from(leads)
    .leftJoin(users, withOwner)
    .where(
      and(
        eq(leads.tenantId, tenantId),
        opts.pool ? isNull(leads.ownerId) : ownerCondition(visible, leads.ownerId),
        opts.pool ? undefined : sql`${leads.ownerId} IS NOT NULL`,
        opts.beforeId ? lt(leads.id, opts.beforeId) : undefined,
        opts.status ? eq(leads.status, opts.status) : undefined,
        opts.source ? eq(leads.source, opts.source) : undefined,
        opts.ownerId ? eq(leads.ownerId, opts.ownerId) : undefined,
        opts.createdFrom ? gte(leads.createdAt, opts.createdFrom) : undefined,
        opts.createdTo ? lte(leads.createdAt, opts.createdTo) : undefined,
        q
          ? or(ilike(leads.companyName, q), ilike(leads.contactName, q), ilike(leads.phone, q), ilike(leads.mobile, q))
          : undefined,
      ),
    )
    .orderBy(desc(leads.id))
    .limit(opts.limit);
}

/** One lead if it exists in the tenant and the actor may see it; `lock` takes the row for a write. */
export async function selectOne(tx: Tx, tenantId: string, visible: Visible, id: string, lock = false) {
  const query = tx
    .select(leadColumns)
    .from(leads)
    .leftJoin(users, withOwner)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, id), leadVisible(visible)));
  const rows = await (lock ? query.for('update', { of: leads }) : query);
  return rows[0];
}

export async function insertRow(tx: Tx, row: typeof leads.$inferInsert): Promise<void> {
  await tx.insert(leads).values(row);
}

export async function updateRow(
  tx: Tx,
  tenantId: string,
  id: string,
  patch: Partial<typeof leads.$inferInsert>,
): Promise<void> {
  await tx
    .update(leads)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, id)));
}

export async function deleteRow(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.delete(leads).where(and(eq(leads.tenantId, tenantId), eq(leads.id, id)));
}

export interface LeadKeys {
  nameKey: string | null;
  phoneKeys: string[];
  emailKey: string | null;
}

/** Leads sharing any key with the probe (whatever the scope: the caller hides what the actor may not see). */
export async function selectKeyMatches(tx: Tx, tenantId: string, keys: LeadKeys, excludeId?: string) {
  const match: SQL[] = [];
  if (keys.nameKey) match.push(eq(leads.nameKey, keys.nameKey));
  for (const k of keys.phoneKeys) match.push(eq(leads.phoneKey, k), eq(leads.mobileKey, k));
  if (keys.emailKey) match.push(eq(leads.emailKey, keys.emailKey));
  if (!match.length) return [];
  return tx
    .select({
      id: leads.id,
      companyName: leads.companyName,
      ownerId: leads.ownerId,
      ownerName: users.name,
      status: leads.status,
      nameKey: leads.nameKey,
      phoneKey: leads.phoneKey,
      mobileKey: leads.mobileKey,
      emailKey: leads.emailKey,
    })
    .from(leads)
    .leftJoin(users, withOwner)
    .where(and(eq(leads.tenantId, tenantId), or(...match), excludeId ? ne(leads.id, excludeId) : undefined))
    .orderBy(desc(leads.id))
    .limit(40);
}

const OPEN: LeadStatus[] = ['new', 'following'];

/** Hand-over when an employee leaves (离职交接): how many open leads they own, and moving them all. */
export async function countOwned(tx: Tx, tenantId: string, ownerId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.ownerId, ownerId)));
  return Number(row?.n ?? 0);
}

export async function countOpenOwned(tx: Tx, tenantId: string, ownerId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, tenantId),
        eq(leads.ownerId, ownerId),
        sql`${leads.status} = ANY(${`{${OPEN.join(',')}}`}::text[])`,
      ),
    );
  return Number(row?.n ?? 0);
}

export async function transferOwned(tx: Tx, tenantId: string, fromId: string, toId: string): Promise<void> {
  await tx
    .update(leads)
    .set({ ownerId: toId, updatedAt: new Date() })
    .where(and(eq(leads.tenantId, tenantId), eq(leads.ownerId, fromId)));
}
