import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestApp, type TestApp, uniqueEmail } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('auth', () => {
  it('registers a company whose administrator can log in and read /me', async () => {
    const email = uniqueEmail('boss');
    const reg = await t.request('POST', '/api/v1/auth/register', {
      body: { companyName: '杭州测试有限公司', adminName: '王五', email, mobile: '138 0013 8000', password: PASSWORD },
    });
    expect(reg.status).toBe(201);
    expect(reg.body.tenant.name).toBe('杭州测试有限公司');
    expect(reg.headers['set-cookie']).toBeDefined();

    const byMobile = await t.login('+86 13800138000', PASSWORD);
    expect(byMobile.user.id).toBe(reg.body.user.id);

    const me = await t.request('GET', '/api/v1/auth/me', { token: byMobile.token });
    expect(me.status).toBe(200);
    expect(me.body.isAdmin).toBe(true);
    expect(me.body.department.name).toBe('全公司');
    expect(me.body.permissions).toContain('employees.create');
  });

  it('answers bad input with field errors in the caller language', async () => {
    const zh = await t.request('POST', '/api/v1/auth/register', {
      body: { companyName: '', email: 'x', password: '1' },
    });
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('common.validation');
    expect(zh.body.error.fields.email).toBe('邮箱格式不正确');
    expect(zh.body.error.fields.password).toBe('至少 8 个字符');
    const en = await t.request('POST', '/api/v1/auth/register', { body: { email: 'x' }, lang: 'en' });
    expect(en.body.error.fields.companyName).toBe('Required');
  });

  it('refuses a login that is already registered with 409 naming the field', async () => {
    const email = uniqueEmail();
    await t.registerTenant({ email });
    const again = await t.request('POST', '/api/v1/auth/register', {
      body: { companyName: '另一家', adminName: '甲', email: email.toUpperCase(), password: PASSWORD },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.fields.email).toBe('该邮箱已被使用');
  });

  it('throttles repeated failed logins per account', async () => {
    const email = uniqueEmail();
    await t.registerTenant({ email });
    for (let i = 0; i < 5; i++) {
      const bad = await t.request('POST', '/api/v1/auth/login', { body: { login: email, password: 'wrong-password' } });
      expect(bad.status).toBe(401);
    }
    const locked = await t.request('POST', '/api/v1/auth/login', { body: { login: email, password: PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('auth.locked');
  });

  it('requires the CSRF header for cookie-authenticated writes, not for bearer tokens', async () => {
    const s = await t.registerTenant();
    const login = await t.request('POST', '/api/v1/auth/login', { body: { login: s.user.email, password: PASSWORD } });
    const cookies = (login.headers['set-cookie'] as string[]).map((c) => c.split(';')[0]).join('; ');
    const csrf = /huike_csrf=([^;]+)/.exec(cookies)![1]!;
    const readOk = await t.request('GET', '/api/v1/auth/me', { headers: { cookie: cookies } });
    expect(readOk.status).toBe(200);
    const body = { currentPassword: PASSWORD, newPassword: 'N3w-password!' };
    const noHeader = await t.request('POST', '/api/v1/auth/password', { headers: { cookie: cookies }, body });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.error.code).toBe('common.csrf');
    const withHeader = await t.request('POST', '/api/v1/auth/password', {
      headers: { cookie: cookies, 'x-csrf-token': csrf },
      body,
    });
    expect(withHeader.status).toBe(200);
    // Other sessions end with a password change; the one that changed it stays.
    expect((await t.request('GET', '/api/v1/auth/me', { token: s.token })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { headers: { cookie: cookies } })).status).toBe(200);
  });

  it('logs out: the token stops working', async () => {
    const s = await t.registerTenant();
    expect((await t.request('POST', '/api/v1/auth/logout', { token: s.token })).status).toBe(200);
    const after = await t.request('GET', '/api/v1/auth/me', { token: s.token });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toBe('请先登录');
  });

  it('sets security headers on every response', async () => {
    const res = await t.request('GET', '/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });
});
