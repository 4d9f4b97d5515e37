import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { bumpOrgVersion } from '../../platform/access/org-snapshot.ts';
import {
  allPermissions,
  declaredModules,
  isKnownPermission,
  isScopedModule,
} from '../../platform/access/permissions.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { builtinRoles } from './builtin-roles.ts';
import type { Role, RoleInput } from './roles.schemas.ts';
import { type DataScope, rolePermissions, roleScopes, roles, userRoles } from './roles.table.ts';

const ADMIN = 'admin';

/** The administrator holds every permission and the "all" scope by definition, whatever the tables say. */
function adminGrants() {
  const scopes: Record<string, DataScope> = {};
  for (const m of declaredModules()) if (m.scoped) scopes[m.module] = 'all';
  return { permissions: allPermissions().sort(), scopes };
}

const sortedScopes = (scopes: Record<string, DataScope>) =>
  Object.fromEntries(Object.entries(scopes).sort(([a], [b]) => a.localeCompare(b)));

/** Every role of the tenant with its grants and member count, in four small queries. */
export async function listRoles(tx: Tx, tenantId: string, onlyId?: string): Promise<Role[]> {
  const roleRows = await tx
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), onlyId ? eq(roles.id, onlyId) : undefined))
    .orderBy(asc(roles.createdAt), asc(roles.id));
  // Built-in roles first, in the templates' order (they share one creation instant), then custom roles by age.
  const rank = (code: string | null) => {
    const i = builtinRoles.findIndex((b) => b.code === code);
    return i < 0 ? builtinRoles.length : i;
  };
  roleRows.sort((a, b) => rank(a.code) - rank(b.code));
  if (roleRows.length === 0) return [];
  const byRole = onlyId ? eq(rolePermissions.roleId, onlyId) : undefined;
  const perms = await tx
    .select()
    .from(rolePermissions)
    .where(and(eq(rolePermissions.tenantId, tenantId), byRole));
  const scopes = await tx
    .select()
    .from(roleScopes)
    .where(and(eq(roleScopes.tenantId, tenantId), onlyId ? eq(roleScopes.roleId, onlyId) : undefined));
  const members = await tx
    .select({ roleId: userRoles.roleId, n: count() })
    .from(userRoles)
    .where(and(eq(userRoles.tenantId, tenantId), onlyId ? eq(userRoles.roleId, onlyId) : undefined))
    .groupBy(userRoles.roleId);
  return roleRows.map((r) => {
    const grants =
      r.code === ADMIN
        ? adminGrants()
        : {
            permissions: perms
              .filter((p) => p.roleId === r.id)
              .map((p) => p.permission)
              .sort(),
            scopes: sortedScopes(
              Object.fromEntries(scopes.filter((s) => s.roleId === r.id).map((s) => [s.module, s.scope])),
            ),
          };
    return {
      id: r.id,
      name: r.name,
      code: r.code,
      builtin: r.code !== null,
      editable: r.code !== ADMIN,
      description: r.description,
      ...grants,
      memberCount: Number(members.find((m) => m.roleId === r.id)?.n ?? 0),
    };
  });
}

export async function getRole(tx: Tx, tenantId: string, id: string): Promise<Role> {
  const [found] = await listRoles(tx, tenantId, id);
  if (!found) throw notFound();
  return found;
}

/**
 * Check grants against the catalogue and normalise them: sorted, deduplicated, scopes only for scoped
 * modules, and "own" for a scoped module that is granted an action but was given no scope.
 */
export function normaliseGrants(input: Pick<RoleInput, 'permissions' | 'scopes'>) {
  const permissions = [...new Set(input.permissions)].sort();
  const unknown = permissions.find((p) => !isKnownPermission(p));
  if (unknown) throw invalidField('permissions', 'roles.unknown_permission', { permission: unknown });
  const scopes: Record<string, DataScope> = {};
  for (const [module, scope] of Object.entries(input.scopes)) {
    if (!isScopedModule(module)) throw invalidField(`scopes.${module}`, 'roles.module_not_scoped', { module });
    scopes[module] = scope;
  }
  for (const p of permissions) {
    const module = p.split('.')[0]!;
    if (isScopedModule(module)) scopes[module] ??= 'own';
  }
  return { permissions, scopes: sortedScopes(scopes) };
}

/** Only an administrator may grant what they do not hold themselves (no privilege escalation). */
function refuseEscalation(actor: Actor, before: string[], after: string[]): void {
  if (actor.isAdmin) return;
  const added = after.filter((p) => !before.includes(p) && !actor.permissions.has(p));
  if (added.length) throw new AppError(403, 'roles.grant_exceeds_own', { permission: added[0] });
}

async function refuseDuplicateName(tx: Tx, tenantId: string, name: string, exceptId?: string): Promise<void> {
  const same = await tx
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), sql`lower(${roles.name}) = lower(${name})`));
  if (same.some((r) => r.id !== exceptId)) {
    throw new AppError(409, 'roles.name_taken', {}, { name: { key: 'roles.name_taken' } });
  }
}

async function writeGrants(tx: Tx, tenantId: string, roleId: string, grants: ReturnType<typeof normaliseGrants>) {
  await tx
    .delete(rolePermissions)
    .where(and(eq(rolePermissions.tenantId, tenantId), eq(rolePermissions.roleId, roleId)));
  await tx.delete(roleScopes).where(and(eq(roleScopes.tenantId, tenantId), eq(roleScopes.roleId, roleId)));
  if (grants.permissions.length) {
    await tx.insert(rolePermissions).values(grants.permissions.map((permission) => ({ tenantId, roleId, permission })));
  }
  const scopeRows = Object.entries(grants.scopes).map(([module, scope]) => ({ tenantId, roleId, module, scope }));
  if (scopeRows.length) await tx.insert(roleScopes).values(scopeRows);
}

const auditView = (r: Role) => ({
  name: r.name,
  description: r.description,
  permissions: r.permissions,
  scopes: r.scopes,
});

export async function createRole(ctx: RequestContext, input: RoleInput): Promise<Role> {
  const { tx, actor } = ctx;
  const grants = normaliseGrants(input);
  refuseEscalation(actor, [], grants.permissions);
  await refuseDuplicateName(tx, actor.tenantId, input.name);
  const id = newId();
  await tx.insert(roles).values({ tenantId: actor.tenantId, id, name: input.name, description: input.description });
  await writeGrants(tx, actor.tenantId, id, grants);
  await bumpOrgVersion(tx, actor.tenantId);
  const created = await getRole(tx, actor.tenantId, id);
  ctx.audit.record({ action: 'create', objectType: 'role', recordId: id, after: auditView(created) });
  return created;
}

export async function updateRole(ctx: RequestContext, id: string, input: RoleInput): Promise<Role> {
  const { tx, actor } = ctx;
  const before = await getRole(tx, actor.tenantId, id);
  if (!before.editable) throw conflict('roles.admin_locked');
  const grants = normaliseGrants(input);
  refuseEscalation(actor, before.permissions, grants.permissions);
  await refuseDuplicateName(tx, actor.tenantId, input.name, id);
  await tx
    .update(roles)
    .set({ name: input.name, description: input.description, updatedAt: new Date() })
    .where(and(eq(roles.tenantId, actor.tenantId), eq(roles.id, id)));
  await writeGrants(tx, actor.tenantId, id, grants);
  await bumpOrgVersion(tx, actor.tenantId);
  const after = await getRole(tx, actor.tenantId, id);
  ctx.audit.record({
    action: 'update',
    objectType: 'role',
    recordId: id,
    before: auditView(before),
    after: auditView(after),
  });
  return after;
}

/** Built-in roles stay (they are what the templates and the demo rely on); custom roles go once unused. */
export async function deleteRole(ctx: RequestContext, id: string): Promise<void> {
  const { tx, actor } = ctx;
  const before = await getRole(tx, actor.tenantId, id);
  if (before.code === ADMIN) throw conflict('roles.admin_locked');
  if (before.builtin) throw conflict('roles.builtin_locked');
  if (before.memberCount > 0) throw conflict('roles.in_use', { count: before.memberCount });
  await tx.delete(roles).where(and(eq(roles.tenantId, actor.tenantId), eq(roles.id, id)));
  await bumpOrgVersion(tx, actor.tenantId);
  ctx.audit.record({ action: 'delete', objectType: 'role', recordId: id, before: auditView(before) });
}

export async function roleExists(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));
  return Boolean(row);
}
