import { sql } from 'drizzle-orm';
import type { DataScope } from '../../modules/roles/roles.table.ts';
import type { Actor } from '../access/actor.ts';
import { APP_ROLE, type Executor } from '../db/database.ts';
import { executePrepared } from '../db/prepared.ts';
import type { Locale } from '../i18n/i18n.ts';
import { hashToken } from './tokens.ts';

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
}

type Row = {
  tenantId: string;
  userId: string;
  name: string;
  departmentId: string;
  status: string;
  csrfToken: string;
  orgVersion: number;
  roles: Array<{ id: string; code: string | null }>;
  permissions: string[];
  scopes: Array<{ module: string; scope: DataScope }>;
  boundTenant: string;
  boundRole: string;
};

/**
 * Token → actor in one round trip: session, user, tenant, roles, permissions and data scopes.
 * Runs as the table owner because the tenant is not known until the session is found. The same statement
 * binds the transaction to the session's tenant and switches it to the app role (set_config is evaluated
 * for the one row found, after the statement's own permission checks), so every later statement runs under
 * row-level security — one round trip fewer per request. No session, no binding: the caller answers 401 and
 * rolls back, as it does when the user is disabled.
 */
export async function loadActor(
  tx: Executor,
  token: string,
  via: Actor['via'],
  locale: Locale,
): Promise<SessionActor | null> {
  const result = await executePrepared<Row>(
    tx,
    sql`
    SELECT s.tenant_id AS "tenantId", s.user_id AS "userId", u.name, u.department_id AS "departmentId",
      u.status, s.csrf_token AS "csrfToken", t.org_version AS "orgVersion",
      COALESCE((SELECT json_agg(json_build_object('id', r.id, 'code', r.code))
        FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
        WHERE ur.tenant_id = s.tenant_id AND ur.user_id = s.user_id), '[]'::json) AS roles,
      COALESCE((SELECT json_agg(DISTINCT rp.permission)
        FROM user_roles ur JOIN role_permissions rp ON rp.tenant_id = ur.tenant_id AND rp.role_id = ur.role_id
        WHERE ur.tenant_id = s.tenant_id AND ur.user_id = s.user_id), '[]'::json) AS permissions,
      COALESCE((SELECT json_agg(json_build_object('module', rs.module, 'scope', rs.scope))
        FROM user_roles ur JOIN role_scopes rs ON rs.tenant_id = ur.tenant_id AND rs.role_id = ur.role_id
        WHERE ur.tenant_id = s.tenant_id AND ur.user_id = s.user_id), '[]'::json) AS scopes,
      set_config('app.tenant_id', s.tenant_id::text, true) AS "boundTenant", set_config('role', ${APP_ROLE}, true) AS "boundRole"
    FROM sessions s
    JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
    JOIN tenants t ON t.id = s.tenant_id
    WHERE s.token_hash = ${hashToken(token)} AND s.expires_at > now()`,
  );
  const row = result.rows[0];
  if (row?.status !== 'active') return null;
  if (row.boundTenant !== row.tenantId || row.boundRole !== APP_ROLE)
    throw new Error('transaction not bound to the tenant');
  const scopes = new Map<string, DataScope[]>();
  for (const { module, scope } of row.scopes) scopes.set(module, [...(scopes.get(module) ?? []), scope]);
  const roleCodes = row.roles.map((r) => r.code).filter((c): c is string => Boolean(c));
  return {
    csrfToken: row.csrfToken,
    actor: {
      tenantId: row.tenantId,
      userId: row.userId,
      name: row.name,
      departmentId: row.departmentId,
      roleIds: row.roles.map((r) => r.id),
      roleCodes,
      isAdmin: roleCodes.includes('admin'),
      permissions: new Set(row.permissions),
      scopes,
      orgVersion: Number(row.orgVersion),
      locale,
      via,
    },
  };
}
