import { and, eq } from 'drizzle-orm';
import { allPermissions } from '../../platform/access/permissions.ts';
import { readToken } from '../../platform/auth/read-token.ts';
import { CSRF_COOKIE, hashToken } from '../../platform/auth/tokens.ts';
import { inSystem } from '../../platform/db/database.ts';
import { definePublicRoute, defineRoute } from '../../platform/http/route.ts';
import { emptyResponse } from '../../platform/http/schemas.ts';
import { users } from '../employees/employees.table.ts';
import { departments } from '../org/org.table.ts';
import { roles } from '../roles/roles.table.ts';
import { createTenant } from '../tenants/tenants.service.ts';
import { changePasswordBody, loginBody, meResponse, registerBody, sessionResponse } from './auth.schemas.ts';
import {
  authenticate,
  changePassword,
  clearSessionCookies,
  endSessions,
  startSession,
  userAndTenant,
} from './auth.service.ts';
import { sessions } from './auth.table.ts';

const tags = ['auth'];

export const authRoutes = [
  definePublicRoute({
    method: 'POST',
    url: '/api/v1/auth/register',
    permission: 'public',
    summary: 'Register a company and its first administrator (注册企业)',
    tags,
    body: registerBody,
    response: sessionResponse,
    status: 201,
    handler: async ({ services, locale, req, reply }, { body }) => {
      return inSystem(services.database.db, async (tx) => {
        const created = await createTenant(tx, body, locale);
        return startSession(tx, services.config, { tenantId: created.tenantId, userId: created.adminId }, req, reply);
      });
    },
  }),

  definePublicRoute({
    method: 'POST',
    url: '/api/v1/auth/login',
    permission: 'public',
    summary: 'Log in with e-mail or mobile and password',
    tags,
    body: loginBody,
    response: sessionResponse,
    handler: async ({ services, req, reply }, { body }) => {
      const who = await authenticate(services.database.db, body.login, body.password, req.ip);
      return inSystem(services.database.db, (tx) => startSession(tx, services.config, who, req, reply));
    },
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/logout',
    permission: 'authenticated',
    summary: 'End the current session',
    tags,
    response: emptyResponse,
    audit: { objectType: 'session', action: 'logout' },
    handler: async ({ tx, req, reply }) => {
      const token = readToken(req)?.token;
      if (token) await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
      clearSessionCookies(reply);
      return null;
    },
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/auth/me',
    permission: 'authenticated',
    summary: 'The current user: tenant, department, roles, permissions and data scopes',
    tags,
    response: meResponse,
    handler: async ({ tx, actor, req }) => {
      const who = await userAndTenant(tx, actor.tenantId, actor.userId);
      const [extra] = await tx
        .select({ positionTitle: users.positionTitle, supervisorId: users.supervisorId })
        .from(users)
        .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, actor.userId)));
      const [department] = await tx
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(and(eq(departments.tenantId, actor.tenantId), eq(departments.id, actor.departmentId)));
      const roleRows = actor.roleIds.length
        ? await tx
            .select({ id: roles.id, name: roles.name, code: roles.code })
            .from(roles)
            .where(eq(roles.tenantId, actor.tenantId))
        : [];
      const scopes: Record<string, 'own' | 'subordinates' | 'department' | 'department_tree' | 'all'> = {};
      for (const [module, list] of actor.scopes) scopes[module] = widest(list);
      return {
        user: { ...who.user, ...extra! },
        tenant: who.tenant,
        department: department!,
        roles: roleRows.filter((r) => actor.roleIds.includes(r.id)),
        isAdmin: actor.isAdmin,
        permissions: actor.isAdmin ? allPermissions() : [...actor.permissions].sort(),
        scopes,
        csrfToken: req.cookies?.[CSRF_COOKIE] ?? null,
      };
    },
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/password',
    permission: 'authenticated',
    summary: 'Change my password; other sessions are logged out',
    tags,
    body: changePasswordBody,
    response: emptyResponse,
    audit: { objectType: 'user', action: 'password_change' },
    handler: async ({ tx, actor, req, audit }, { body }) => {
      await changePassword(tx, actor.tenantId, actor.userId, body.currentPassword, body.newPassword);
      await endSessions(tx, actor.tenantId, actor.userId, readToken(req)?.token);
      audit.record({ objectType: 'user', action: 'password_change', recordId: actor.userId });
      return null;
    },
  }),
];

const ORDER = ['own', 'department', 'subordinates', 'department_tree', 'all'] as const;
/** For display: the widest of several scopes (the effective visibility is their union). */
function widest(list: readonly string[]) {
  return ORDER[Math.max(...list.map((s) => ORDER.indexOf(s as never)))] ?? 'own';
}
