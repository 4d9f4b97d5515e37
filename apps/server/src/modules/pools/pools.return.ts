import { and, eq, sql } from 'drizzle-orm';
import { can } from '../../platform/access/actor.ts';
import { loadOrgSnapshot } from '../../platform/access/org-snapshot.ts';
import { conflict, forbidden, invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { customerVisibility, customerWritability } from '../customers/customers.policy.ts';
import { customers } from '../customers/customers.table.ts';
import { recordPoolEvents } from './pools.events.ts';
import { isMember, lockPool, selectPools } from './pools.queries.ts';

type Ctx = Pick<RequestContext, 'tx' | 'actor' | 'audit'>;

/**
 * 退回公海: the owner gives a customer up with a reason. Someone else may do it for them only with
 * customers.transfer on a customer they may write. The pool must be one the owner is a member of.
 */
export async function returnToPool(ctx: Ctx, customerId: string, poolId: string, reason: string) {
  const { tx, actor } = ctx;
  const { tenantId } = actor;
  const [customer] = await tx
    .select({ id: customers.id, ownerId: customers.ownerId })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId), await customerVisibility(tx, actor)))
    .for('update');
  if (!customer) throw notFound();
  const ownerId = customer.ownerId;
  if (!ownerId) throw conflict('pools.not_owned');
  if (ownerId !== actor.userId) {
    if (!can(actor, 'customers.transfer')) throw forbidden();
    const [writable] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), eq(customers.id, customerId), await customerWritability(tx, actor)));
    if (!writable) throw forbidden();
  }
  const [pool] = await selectPools(tx, tenantId, sql`p.id = ${poolId}`, { counts: false });
  if (!pool || !(await lockPool(tx, tenantId, poolId, 'share'))) throw invalidField('poolId', 'field.not_found');
  const org = await loadOrgSnapshot(tx, tenantId, actor.orgVersion);
  if (!isMember(org, ownerId, pool)) throw invalidField('poolId', 'pools.owner_not_member');
  const now = new Date();
  await tx.execute(sql`UPDATE customers SET owner_id = NULL, pool_id = ${poolId}, updated_at = now()
    WHERE tenant_id = ${tenantId} AND id = ${customerId}`);
  await recordPoolEvents(tx, tenantId, poolId, now, [
    { customerId, kind: 'returned', userId: actor.userId, previousOwnerId: ownerId, reason },
  ]);
  ctx.audit.record({
    action: 'return_to_pool',
    objectType: 'customer',
    recordId: customerId,
    before: { ownerId, poolId: null },
    after: { ownerId: null, poolId, reason },
  });
  return { id: customerId, poolId };
}
