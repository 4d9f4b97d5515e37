import { and, eq, sql } from 'drizzle-orm';
import { bumpOrgVersion } from '../../platform/access/org-snapshot.ts';
import { declaredModules } from '../../platform/access/permissions.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { builtinRoles, type RoleTemplate } from './builtin-roles.ts';
import { rolePermissions, roleScopes, roles } from './roles.table.ts';

/** Expand a template against the modules declared in this build (or some of them). */
export function expandTemplate(
  template: RoleTemplate,
  only?: ReadonlySet<string>,
): { permissions: string[]; scopes: Record<string, string> } {
  const permissions: string[] = [];
  const scopes: Record<string, string> = {};
  for (const m of declaredModules()) {
    if (only && !only.has(m.module)) continue;
    const grant = template.grants[m.module];
    const declared = Object.keys(m.actions);
    const actions = grant ? (grant.actions === '*' ? declared : grant.actions) : (template.others?.actions ?? []);
    const granted = actions.filter((a) => declared.includes(a));
    permissions.push(...granted.map((a) => `${m.module}.${a}`));
    const scope = grant?.scope ?? template.others?.scope;
    if (m.scoped && granted.length > 0 && scope) scopes[m.module] = scope;
  }
  return { permissions, scopes };
}

/** Create the built-in roles for a new tenant; returns role ids by code. */
export async function createBuiltinRoles(tx: Tx, tenantId: string, locale: Locale): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const template of builtinRoles) {
    const roleId = newId();
    ids[template.code] = roleId;
    const templateModules = declaredModules().map((m) => m.module);
    await tx
      .insert(roles)
      .values({ tenantId, id: roleId, name: template.name[locale], code: template.code, templateModules });
    if (template.code === 'admin') continue;
    const { permissions, scopes } = expandTemplate(template);
    if (permissions.length) {
      await tx.insert(rolePermissions).values(permissions.map((permission) => ({ tenantId, roleId, permission })));
    }
    const scopeRows = Object.entries(scopes).map(([module, scope]) => ({
      tenantId,
      roleId,
      module,
      scope: scope as never,
    }));
    if (scopeRows.length) await tx.insert(roleScopes).values(scopeRows);
  }
  return ids;
}

/**
 * Grant modules added since a tenant was created to its built-in roles, by the same templates. Runs at
 * start-up across tenants; a no-op (one indexed query) when every built-in role is up to date.
 */
export async function syncBuiltinRoles(db: Db): Promise<number> {
  const declared = declaredModules().map((m) => m.module);
  const stale = await db
    .select({ tenantId: roles.tenantId, id: roles.id, code: roles.code, templateModules: roles.templateModules })
    .from(roles)
    .where(
      sql`code IS NOT NULL AND code <> 'admin' AND NOT (template_modules @> ${`{${declared.join(',')}}`}::text[])`,
    );
  for (const role of stale) {
    const template = builtinRoles.find((t) => t.code === role.code);
    const missing = new Set(declared.filter((m) => !role.templateModules.includes(m)));
    await db.transaction(async (tx) => {
      if (template) {
        const { permissions, scopes } = expandTemplate(template, missing);
        const { tenantId, id: roleId } = role;
        if (permissions.length) {
          await tx
            .insert(rolePermissions)
            .values(permissions.map((permission) => ({ tenantId, roleId, permission })))
            .onConflictDoNothing();
        }
        const scopeRows = Object.entries(scopes).map(([module, scope]) => ({
          tenantId,
          roleId,
          module,
          scope: scope as never,
        }));
        if (scopeRows.length) await tx.insert(roleScopes).values(scopeRows).onConflictDoNothing();
      }
      await tx
        .update(roles)
        .set({ templateModules: [...new Set([...role.templateModules, ...missing])] })
        .where(and(eq(roles.tenantId, role.tenantId), eq(roles.id, role.id)));
      await bumpOrgVersion(tx, role.tenantId);
    });
  }
  return stale.length;
}
