import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { syncBuiltinRoles } from './roles.builtin.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const permissionsOf = async (tenantId: string, code: string) => {
  const r = await inTenant(t.services.database.db, tenantId, (tx) =>
    tx.execute<{ permission: string }>(sql`SELECT rp.permission FROM role_permissions rp
      JOIN roles r ON r.tenant_id = rp.tenant_id AND r.id = rp.role_id WHERE r.code = ${code} ORDER BY 1`),
  );
  return r.rows.map((x) => x.permission);
};

describe('built-in role templates', () => {
  it('grants a module shipped after the tenant was created, once, and keeps what an administrator removed', async () => {
    const s = await t.registerTenant();
    const db = t.services.database.db;
    expect(await permissionsOf(s.tenant.id, 'boss')).toContain('employees.view');
    // As if the tenant predated the employees module, and an administrator had taken org.view from the boss.
    await inTenant(db, s.tenant.id, async (tx) => {
      await tx.execute(
        sql`DELETE FROM role_permissions WHERE permission LIKE 'employees.%' OR permission = 'org.view'`,
      );
      await tx.execute(sql`UPDATE roles SET template_modules = array_remove(template_modules, 'employees')`);
    });
    expect(await syncBuiltinRoles(db)).toBeGreaterThan(0);
    const boss = await permissionsOf(s.tenant.id, 'boss');
    expect(boss).toContain('employees.view');
    expect(boss).not.toContain('org.view');
    // Up to date now: nothing more to do.
    expect(await syncBuiltinRoles(db)).toBe(0);
  });
});
