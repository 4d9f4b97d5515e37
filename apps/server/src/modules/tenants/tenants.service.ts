import { sql } from 'drizzle-orm';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { APP_ROLE, type Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError } from '../../platform/errors/errors.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { loginIdentities } from '../auth/auth.table.ts';
import { users } from '../employees/employees.table.ts';
import { departments } from '../org/org.table.ts';
import { createBuiltinRoles } from '../roles/roles.builtin.service.ts';
import { userRoles } from '../roles/roles.table.ts';
import { tenants } from './tenants.table.ts';

export interface NewTenant {
  companyName: string;
  adminName: string;
  email: string;
  mobile?: string | null;
  password: string;
}

/** Register a company (注册企业): tenant, root department 全公司, built-in roles, its first administrator. */
export async function createTenant(tx: Tx, input: NewTenant, locale: Locale) {
  await claimLogins(tx, [input.email, input.mobile]);
  const tenantId = newId();
  const rootId = newId();
  const adminId = newId();
  await tx.insert(tenants).values({ id: tenantId, name: input.companyName });
  // From here on, the tenant's own rows are written under row-level security like any request.
  await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenantId}, true), set_config('role', ${APP_ROLE}, true)`);
  await tx.insert(departments).values({
    tenantId,
    id: rootId,
    name: locale === 'en' ? 'Whole company' : '全公司',
    kind: 'company',
  });
  const roleIds = await createBuiltinRoles(tx, tenantId, locale);
  await tx.insert(users).values({
    tenantId,
    id: adminId,
    name: input.adminName,
    email: input.email,
    mobile: input.mobile ?? null,
    passwordHash: await hashPassword(input.password),
    departmentId: rootId,
    positionTitle: locale === 'en' ? 'Administrator' : '管理员',
  });
  await tx.insert(userRoles).values({ tenantId, userId: adminId, roleId: roleIds.admin!, isPrimary: true });
  await tx.update(departments).set({ headUserId: adminId }).where(sql`tenant_id = ${tenantId} AND id = ${rootId}`);
  await tx
    .insert(loginIdentities)
    .values(
      [input.email, input.mobile]
        .filter((v): v is string => Boolean(v))
        .map((identity) => ({ identity, tenantId, userId: adminId })),
    );
  return { tenantId, adminId, rootDepartmentId: rootId, roleIds };
}

/** Logins are unique across all tenants; refuse one already taken with a field-level 409. */
export async function claimLogins(tx: Tx, logins: Array<string | null | undefined>): Promise<void> {
  for (const login of logins) {
    if (!login) continue;
    const taken = await tx.select().from(loginIdentities).where(sql`identity = ${login}`).limit(1);
    if (taken.length) {
      const field = login.includes('@') ? 'email' : 'mobile';
      throw new AppError(409, 'auth.login_taken', {}, { [field]: { key: `auth.${field}_taken` } });
    }
  }
}
