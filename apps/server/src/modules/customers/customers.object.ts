import { sql } from 'drizzle-orm';
import { actionLabels as a, declareModule } from '../../platform/access/permissions.ts';
import { registerSharedObject } from '../../platform/access/sharing.ts';
import { registerHandover } from '../../platform/handover/registry.ts';
import { customers } from './customers.table.ts';

declareModule({
  module: 'customers',
  label: { 'zh-CN': '客户', en: 'Customers' },
  actions: {
    view: a.view,
    create: a.create,
    edit: a.edit,
    delete: a.delete,
    export: a.export,
    import: a.import,
    transfer: a.transfer,
    share: a.share,
  },
  scoped: true,
});

const label = { 'zh-CN': '客户', en: 'Customer' };

/** Customers take part in sharing (共享) and transfer; the hand-over is registered below. */
export const customerObject = registerSharedObject({
  objectType: 'customer',
  module: 'customers',
  label,
  table: { table: customers, tenantId: customers.tenantId, id: customers.id, owner: customers.ownerId },
  handover: false,
});

/** A leaver's customers (离职交接) go to the colleague with the colleague's department, ownedSince restarting. */
registerHandover({
  type: 'customer',
  label,
  count: async (tx, tenantId, fromUserId) => {
    const res = await tx.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM customers WHERE tenant_id = ${tenantId} AND owner_id = ${fromUserId}`,
    );
    return Number(res.rows[0]?.n ?? 0);
  },
  transfer: async (tx, tenantId, fromUserId, toUserId) => {
    await tx.execute(sql`UPDATE customers SET owner_id = ${toUserId}, owned_since = now(), updated_at = now(),
        department_id = (SELECT department_id FROM users WHERE tenant_id = ${tenantId} AND id = ${toUserId})
      WHERE tenant_id = ${tenantId} AND owner_id = ${fromUserId}`);
  },
});
