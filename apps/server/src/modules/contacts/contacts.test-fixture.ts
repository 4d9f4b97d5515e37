// Test support for contacts, follow-ups, attachments and reminders: a company with two salespeople and
// customers owned by each, created through the customers API when it answers, else written directly.
import { sql } from 'drizzle-orm';
import type { Session, TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { addEmployee, addRole, type TestEmployee } from '../roles/test-users.ts';

export const SALES_PERMISSIONS = [
  'customers.view',
  'customers.create',
  'customers.edit',
  'contacts.view',
  'contacts.create',
  'contacts.edit',
  'contacts.delete',
  'contacts.mass_message',
  'followups.view',
  'followups.create',
  'followups.edit',
  'followups.delete',
];

export interface Company {
  admin: Session;
  alice: TestEmployee;
  bob: TestEmployee;
  /** Holds customers.view only (own scope): for 403 checks. */
  viewer: TestEmployee;
}

export async function company(t: TestApp): Promise<Company> {
  const admin = await t.registerTenant();
  const tenantId = admin.tenant.id;
  const sales = await addRole(t, tenantId, SALES_PERMISSIONS, { customers: 'own' });
  const viewerRole = await addRole(t, tenantId, ['customers.view'], { customers: 'own' });
  const alice = await addEmployee(t, tenantId, { name: '李丽', roleIds: [sales] });
  const bob = await addEmployee(t, tenantId, { name: '王波', roleIds: [sales] });
  const viewer = await addEmployee(t, tenantId, { name: '赵看', roleIds: [viewerRole] });
  return { admin, alice, bob, viewer };
}

let seq = 0;

/** A customer owned by `owner`, created as the company's administrator. */
export async function addCustomer(t: TestApp, admin: Session, ownerId: string, name?: string): Promise<string> {
  const customerName = name ?? `测试客户${process.pid}${++seq}${Date.now().toString(36)}`;
  const res = await t.request('POST', '/api/v1/customers', {
    token: admin.token,
    body: { name: customerName, ownerId, force: true },
  });
  if (res.status === 201 && typeof res.body?.id === 'string') return res.body.id;
  const id = newId();
  await inTenant(t.services.database.db, admin.tenant.id, async (tx) => {
    await tx.execute(sql`INSERT INTO customers (tenant_id, id, name, name_key, owner_id)
      VALUES (${admin.tenant.id}, ${id}, ${customerName}, ${customerName.toLowerCase()}, ${ownerId})`);
  });
  return id;
}

/** The customer's derived follow-up columns, read straight from the table. */
export async function followUpColumns(t: TestApp, tenantId: string, customerId: string) {
  return inTenant(t.services.database.db, tenantId, async (tx) => {
    const res = await tx.execute<{ last: Date | string | null; next: Date | string | null }>(
      sql`SELECT last_follow_up_at AS last, next_contact_at AS next FROM customers WHERE tenant_id = ${tenantId} AND id = ${customerId}`,
    );
    const row = res.rows[0]!;
    const iso = (v: Date | string | null) => (v == null ? null : new Date(v).toISOString());
    return { last: iso(row.last), next: iso(row.next) };
  });
}
