import { and, eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { clearFailures, lockedUntil, recordFailure, THROTTLE } from '../../platform/auth/throttle.ts';
import { CSRF_COOKIE, hashToken, newToken, SESSION_COOKIE } from '../../platform/auth/tokens.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import { AppError, invalidField } from '../../platform/errors/errors.ts';
import { users } from '../employees/employees.table.ts';
import { tenants } from '../tenants/tenants.table.ts';
import { loginIdentities, sessions } from './auth.table.ts';

/** E-mail or mobile as typed → the stored identity. */
export function normalizeLogin(login: string): string {
  const trimmed = login.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  return trimmed.replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
}

export async function createSession(
  tx: Executor,
  config: Config,
  tenantId: string,
  userId: string,
  meta: { ip?: string; userAgent?: string },
) {
  const token = newToken();
  const csrfToken = newToken();
  await tx.insert(sessions).values({
    tokenHash: hashToken(token),
    tenantId,
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + config.sessionTtlHours * 3600_000),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken };
}

/** A new session for a user who just registered or logged in: token in the body, cookies for the web app. */
export async function startSession(
  tx: Executor,
  config: Config,
  who: { tenantId: string; userId: string },
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const meta = { ip: req.ip, userAgent: req.headers['user-agent'] };
  const { token, csrfToken } = await createSession(tx, config, who.tenantId, who.userId, meta);
  setSessionCookies(reply, config, token, csrfToken);
  return { token, ...(await userAndTenant(tx, who.tenantId, who.userId)) };
}

/** httpOnly SameSite session cookie for the web app, plus a readable CSRF cookie it echoes in a header. */
export function setSessionCookies(reply: FastifyReply, config: Config, token: string, csrfToken: string): void {
  const common = {
    path: '/',
    sameSite: 'lax' as const,
    secure: config.secureCookies,
    maxAge: config.sessionTtlHours * 3600,
  };
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/**
 * Check a login. Throttled per account and per client address: past the limit the answer is 429 until
 * the lock expires, whatever the password. Unknown logins cost the same time as wrong passwords.
 */
export async function authenticate(db: Db, login: string, password: string, ip: string) {
  const identity = normalizeLogin(login);
  const accountKey = `acct:${identity}`;
  const addressKey = `ip:${ip}`;
  const until = await lockedUntil(db, [accountKey, addressKey]);
  if (until) {
    throw new AppError(429, 'auth.locked', { minutes: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60000)) });
  }
  const found = await db
    .select({ tenantId: users.tenantId, id: users.id, passwordHash: users.passwordHash, status: users.status })
    .from(loginIdentities)
    .innerJoin(users, and(eq(users.tenantId, loginIdentities.tenantId), eq(users.id, loginIdentities.userId)))
    .where(eq(loginIdentities.identity, identity))
    .limit(1);
  const user = found[0];
  const ok = user
    ? await verifyPassword(user.passwordHash, password)
    : await verifyPassword(await dummyHash(), password);
  if (!user || !ok) {
    await recordFailure(db, accountKey, THROTTLE.maxPerAccount);
    await recordFailure(db, addressKey, THROTTLE.maxPerAddress);
    throw new AppError(401, 'auth.bad_credentials');
  }
  if (user.status !== 'active') throw new AppError(403, 'auth.disabled');
  await clearFailures(db, accountKey);
  return { tenantId: user.tenantId, userId: user.id };
}

export async function userAndTenant(tx: Executor, tenantId: string, userId: string) {
  const rows = await tx
    .select({ user: users, tenant: tenants })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  const row = rows[0]!;
  return { user: toUserSummary(row.user), tenant: toTenantSummary(row.tenant) };
}

export const toUserSummary = (u: typeof users.$inferSelect) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  mobile: u.mobile,
  departmentId: u.departmentId,
});

export const toTenantSummary = (t: typeof tenants.$inferSelect) => ({
  id: t.id,
  name: t.name,
  logoUrl: t.logoFile ? `/api/v1/settings/logo?v=${t.updatedAt.getTime()}` : null,
  fiscalYearStartMonth: t.fiscalYearStartMonth,
  currency: t.currency,
});

export async function changePassword(tx: Tx, tenantId: string, userId: string, current: string, next: string) {
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    throw invalidField('currentPassword', 'auth.wrong_password');
  }
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(next), updatedAt: new Date() })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
}

/** End every session of a user (password reset, disabling), optionally keeping the current one. */
export async function endSessions(tx: Executor, tenantId: string, userId: string, keepToken?: string) {
  await tx.execute(sql`DELETE FROM sessions WHERE tenant_id = ${tenantId} AND user_id = ${userId}
    ${keepToken ? sql`AND token_hash <> ${hashToken(keepToken)}` : sql``}`);
}
