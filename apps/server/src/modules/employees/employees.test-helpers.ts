import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { PASSWORD, type Session, type TestApp, uniqueEmail } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';

/** Built-in role ids of a tenant by code (admin, boss, sales_manager, sales, ...), read straight from the database. */
export async function roleIdsByCode(t: TestApp, tenantId: string): Promise<Record<string, string>> {
  const rows = await inTenant(t.services.database.db, tenantId, (tx) =>
    tx.execute<{ id: string; code: string }>(sql`SELECT id, code FROM roles WHERE code IS NOT NULL`),
  );
  return Object.fromEntries(rows.rows.map((r) => [r.code, r.id]));
}

export interface Person {
  id: string;
  email: string;
  session: () => Promise<Session>;
}

/** Create an employee through the API as `admin` and return a way to log in as them. */
export async function addEmployee(
  t: TestApp,
  admin: Session,
  body: { name?: string; departmentId?: string; supervisorId?: string | null; roleIds?: string[] } = {},
): Promise<Person> {
  const email = uniqueEmail('emp');
  const res = await t.request('POST', '/api/v1/employees', {
    token: admin.token,
    body: { name: body.name ?? '员工', email, password: PASSWORD, departmentId: admin.user.departmentId, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, email, session: () => t.login(email, PASSWORD) };
}

/** A mainland mobile number nobody else in this run (or an earlier run on the same database) is likely to have. */
export const uniqueMobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
