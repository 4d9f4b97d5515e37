import type { DataScope } from '../../modules/roles/roles.table.ts';
import type { Locale } from '../i18n/i18n.ts';

/** Who is making the request, resolved once per request by authentication. */
export interface Actor {
  tenantId: string;
  userId: string;
  name: string;
  departmentId: string;
  roleIds: string[];
  roleCodes: string[];
  isAdmin: boolean;
  permissions: ReadonlySet<string>;
  /** Per scoped module, the scopes granted by the actor's roles; the effective scope is their union. */
  scopes: ReadonlyMap<string, readonly DataScope[]>;
  orgVersion: number;
  locale: Locale;
  /** How the request authenticated: cookie-authenticated writes need the CSRF header. */
  via: 'cookie' | 'bearer';
}

export function can(actor: Actor, permission: string): boolean {
  return actor.isAdmin || actor.permissions.has(permission);
}

export function scopesFor(actor: Actor, module: string): readonly DataScope[] {
  if (actor.isAdmin) return ['all'];
  return actor.scopes.get(module) ?? [];
}
