// Test support for dedupe, search and custom-field filters: customers written straight into the table, with the
// keys computed by customerKeys exactly as the customers module stores them.
import { sql } from 'drizzle-orm';
import type { TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { normalizeCreditCode } from '../../platform/text/index.ts';
import { customerKeys } from '../customers/customers.dedupe.ts';
import { customers } from '../customers/customers.table.ts';

export async function putCustomer(
  t: TestApp,
  tenantId: string,
  c: {
    name: string;
    ownerId: string | null;
    phone?: string;
    email?: string;
    creditCode?: string;
    shortName?: string;
    custom?: Record<string, unknown>;
  },
): Promise<string> {
  const id = newId();
  await inTenant(t.services.database.db, tenantId, async (tx) => {
    await tx.insert(customers).values({
      tenantId,
      id,
      name: c.name,
      shortName: c.shortName ?? null,
      ownerId: c.ownerId,
      phone: c.phone ?? null,
      email: c.email ?? null,
      creditCode: c.creditCode ? normalizeCreditCode(c.creditCode) : null,
      custom: c.custom ?? {},
      ...customerKeys(c),
    });
  });
  return id;
}

/** n filler customers owned by ownerId (one INSERT … SELECT), then ANALYZE so the planner knows the table. */
export async function fillCustomers(t: TestApp, tenantId: string, ownerId: string, n: number): Promise<void> {
  const db = t.services.database.db;
  await inTenant(db, tenantId, (tx) =>
    tx.execute(sql`INSERT INTO customers (tenant_id, id, name, name_key, owner_id, phone, phone_key)
      SELECT ${tenantId}::uuid, gen_random_uuid(),
        (ARRAY['华东','星辰','远景','恒通','瑞丰','金桥','海纳','鼎盛','宏图','新源','博达','天禾'])[1 + i % 12]
          || (ARRAY['贸易','实业','物流','建材','电子','食品','医药','能源'])[1 + (i / 12) % 8] || '有限公司' || i,
        'filler' || i, ${ownerId}::uuid, '0571-' || (80000000 + i), '0571' || (80000000 + i)
      FROM generate_series(1, ${n}) AS i`),
  );
  await db.execute(sql`ANALYZE customers`);
}
