import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Label } from '../../platform/access/permissions.ts';
import type { Tx } from '../../platform/db/database.ts';
import { tableExists } from './customers.hierarchy.ts';

/**
 * The customer view's tabs (客户视图) beyond the overview. Later modules (opportunities, contracts, orders,
 * collections, service) add theirs; registering a key again replaces it (e.g. the contacts module its own count).
 */
export interface CustomerTab {
  key: string;
  label: Label;
  /** Lower comes first. */
  order: number;
  /** Number shown on the tab; the customer is known to be visible to the actor. */
  count?: (tx: Tx, actor: Actor, customerId: string) => Promise<number | null>;
  /** Shown only when the actor holds this permission. */
  permission?: string;
}

const tabs = new Map<string, CustomerTab>();
export function registerCustomerTab(tab: CustomerTab): void {
  tabs.set(tab.key, tab);
}
export const customerTabs = () => [...tabs.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));

/** Placeholder counts until the child module registers its own tab: null while its table does not exist. */
const childCount =
  (table: string) =>
  async (tx: Tx, actor: Actor, customerId: string): Promise<number | null> => {
    if (!(await tableExists(tx, table))) return null;
    const res = await tx.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}
        WHERE tenant_id = ${actor.tenantId} AND customer_id = ${customerId}`,
    );
    return Number(res.rows[0]?.n ?? 0);
  };

registerCustomerTab({
  key: 'contacts',
  label: { 'zh-CN': '联系人', en: 'Contacts' },
  order: 10,
  count: childCount('contacts'),
});
registerCustomerTab({
  key: 'followUps',
  label: { 'zh-CN': '跟进记录', en: 'Follow-ups' },
  order: 20,
  count: childCount('follow_ups'),
});
registerCustomerTab({ key: 'hierarchy', label: { 'zh-CN': '关联单位', en: 'Group' }, order: 30 });
registerCustomerTab({ key: 'sharing', label: { 'zh-CN': '共享', en: 'Sharing' }, order: 40 });
registerCustomerTab({ key: 'attachments', label: { 'zh-CN': '附件', en: 'Attachments' }, order: 50 });
registerCustomerTab({
  key: 'history',
  label: { 'zh-CN': '操作日志', en: 'History' },
  order: 90,
  count: async (tx, actor, customerId) => {
    const res = await tx.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log
        WHERE tenant_id = ${actor.tenantId} AND object_type = 'customer' AND record_id = ${customerId}`,
    );
    return Number(res.rows[0]?.n ?? 0);
  },
});
