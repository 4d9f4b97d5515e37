import { declaredModules } from '../../platform/access/permissions.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import type { Locale } from '../../platform/i18n/i18n.ts';
import { builtinRoles, type RoleTemplate } from './builtin-roles.ts';
import { rolePermissions, roleScopes, roles } from './roles.table.ts';

/** Expand a template against the modules declared in this build. */
export function expandTemplate(template: RoleTemplate): { permissions: string[]; scopes: Record<string, string> } {
  const permissions: string[] = [];
  const scopes: Record<string, string> = {};
  for (const m of declaredModules()) {
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
    await tx.insert(roles).values({ tenantId, id: roleId, name: template.name[locale], code: template.code });
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
