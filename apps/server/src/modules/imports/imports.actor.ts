// The job acts for the user who started the import: their grants and scopes are kept with the import row.
import type { Actor } from '../../platform/access/actor.ts';
import type { DataScope } from '../roles/roles.table.ts';

export function actorSnapshot(actor: Actor): Record<string, unknown> {
  return {
    tenantId: actor.tenantId,
    userId: actor.userId,
    name: actor.name,
    departmentId: actor.departmentId,
    roleIds: actor.roleIds,
    roleCodes: actor.roleCodes,
    isAdmin: actor.isAdmin,
    permissions: [...actor.permissions],
    scopes: [...actor.scopes.entries()],
    orgVersion: actor.orgVersion,
    locale: actor.locale,
  };
}

export function actorFromSnapshot(s: Record<string, unknown>): Actor {
  return {
    tenantId: String(s.tenantId),
    userId: String(s.userId),
    name: String(s.name),
    departmentId: String(s.departmentId),
    roleIds: s.roleIds as string[],
    roleCodes: s.roleCodes as string[],
    isAdmin: Boolean(s.isAdmin),
    permissions: new Set(s.permissions as string[]),
    scopes: new Map(s.scopes as [string, DataScope[]][]),
    orgVersion: Number(s.orgVersion),
    locale: s.locale === 'en' ? 'en' : 'zh-CN',
    via: 'bearer',
  };
}
