import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { registerCustomerTab } from '../customers/index.ts';

const count = async (tx: Tx, query: ReturnType<typeof sql>) =>
  Number((await tx.execute<{ n: number }>(query)).rows[0]?.n ?? 0);

// The customer view's tabs for contacts, follow-ups and the customer's own files, with their counts
// (replacing the customers module's placeholders).
registerCustomerTab({
  key: 'contacts',
  label: { 'zh-CN': '联系人', en: 'Contacts' },
  order: 10,
  permission: 'contacts.view',
  count: (tx: Tx, actor: Actor, customerId: string) =>
    count(
      tx,
      sql`SELECT count(*)::int AS n FROM contacts WHERE tenant_id = ${actor.tenantId} AND customer_id = ${customerId}`,
    ),
});
registerCustomerTab({
  key: 'followUps',
  label: { 'zh-CN': '跟进记录', en: 'Follow-ups' },
  order: 20,
  permission: 'followups.view',
  count: (tx, actor, customerId) =>
    count(
      tx,
      sql`SELECT count(*)::int AS n FROM follow_ups WHERE tenant_id = ${actor.tenantId} AND customer_id = ${customerId}`,
    ),
});
registerCustomerTab({
  key: 'attachments',
  label: { 'zh-CN': '附件', en: 'Attachments' },
  order: 50,
  count: (tx, actor, customerId) =>
    count(
      tx,
      sql`SELECT count(*)::int AS n FROM attachments
        WHERE tenant_id = ${actor.tenantId} AND record_type = 'customer' AND record_id = ${customerId}`,
    ),
});
