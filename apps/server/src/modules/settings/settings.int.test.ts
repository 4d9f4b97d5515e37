import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { addEmployee, addRole } from '../roles/test-users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(32)]);

function multipart(file: Buffer, type: string, field = 'file', filename = 'logo.png') {
  const boundary = `----huike${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(token: string, file: Buffer, type: string, field?: string) {
  const { payload, headers } = multipart(file, type, field);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/settings/logo',
    headers: { ...headers, authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}

const logoDir = (tenantId: string) => path.join(t.services.config.dataDir, 'files', tenantId);

describe('settings', () => {
  it('reads and changes company name, fiscal-year start and currency, with an audit entry', async () => {
    const s = await t.registerTenant({ companyName: '原名科技' });
    const read = await t.request('GET', '/api/v1/settings', { token: s.token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ companyName: '原名科技', logoUrl: null, fiscalYearStartMonth: 1, currency: 'CNY' });
    const patched = await t.request('PATCH', '/api/v1/settings', {
      token: s.token,
      body: { companyName: '新名科技', fiscalYearStartMonth: 4 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ companyName: '新名科技', fiscalYearStartMonth: 4, currency: 'CNY' });
    const me = await t.request('GET', '/api/v1/auth/me', { token: s.token });
    expect(me.body.tenant.name).toBe('新名科技');
    const trail = await t.request('GET', '/api/v1/audit?objectType=settings', { token: s.token });
    expect(trail.body.items[0].changes).toEqual([
      { field: 'companyName', from: '原名科技', to: '新名科技' },
      { field: 'fiscalYearStartMonth', from: 1, to: 4 },
    ]);
  });

  it('answers bad input with field errors', async () => {
    const s = await t.registerTenant();
    const res = await t.request('PATCH', '/api/v1/settings', {
      token: s.token,
      body: { companyName: '', fiscalYearStartMonth: 13, currency: 'USD', extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('common.validation');
    expect(res.body.error.fields).toMatchObject({
      companyName: '必填',
      fiscalYearStartMonth: '不能大于 12',
      currency: '不是允许的选项',
    });
  });

  it('lets every user read settings but only settings.manage change them', async () => {
    const s = await t.registerTenant();
    const plain = await addEmployee(t, s.tenant.id);
    expect((await t.request('GET', '/api/v1/settings', { token: plain.token })).status).toBe(200);
    expect(
      (await t.request('PATCH', '/api/v1/settings', { token: plain.token, body: { companyName: 'x' } })).status,
    ).toBe(403);
    expect((await upload(plain.token, PNG, 'image/png')).status).toBe(403);
    expect((await t.request('DELETE', '/api/v1/settings/logo', { token: plain.token })).status).toBe(403);
    const manager = await addEmployee(t, s.tenant.id, {
      roleIds: [await addRole(t, s.tenant.id, ['settings.manage'])],
    });
    expect(
      (await t.request('PATCH', '/api/v1/settings', { token: manager.token, body: { fiscalYearStartMonth: 7 } }))
        .status,
    ).toBe(200);
  });

  it('never changes another company: each tenant sees and edits its own row', async () => {
    const a = await t.registerTenant({ companyName: '甲公司' });
    const b = await t.registerTenant({ companyName: '乙公司' });
    await t.request('PATCH', '/api/v1/settings', { token: a.token, body: { companyName: '甲公司改' } });
    expect((await t.request('GET', '/api/v1/settings', { token: b.token })).body.companyName).toBe('乙公司');
  });
});

describe('company logo', () => {
  it('uploads PNG, JPEG and WebP, serves the current one and deletes it', async () => {
    const s = await t.registerTenant();
    const first = await upload(s.token, PNG, 'image/png');
    expect(first.status).toBe(200);
    expect(first.body.logoUrl).toMatch(/^\/api\/v1\/settings\/logo\?v=logo-/);
    const got = await t.app.inject({
      method: 'GET',
      url: first.body.logoUrl,
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect((await t.request('GET', '/api/v1/settings', { token: s.token })).body.logoUrl).toBe(first.body.logoUrl);

    const second = await upload(s.token, JPEG, 'image/jpeg');
    expect(second.status).toBe(200);
    expect(second.body.logoUrl).not.toBe(first.body.logoUrl);
    const jpeg = await t.app.inject({
      method: 'GET',
      url: '/api/v1/settings/logo',
      headers: { authorization: `Bearer ${s.token}` },
    });
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    // The replaced file is removed from disk once the change committed.
    expect(readdirSync(logoDir(s.tenant.id))).toHaveLength(1);

    expect((await upload(s.token, WEBP, 'image/webp')).status).toBe(200);

    const del = await t.request('DELETE', '/api/v1/settings/logo', { token: s.token });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ logoUrl: null });
    expect(readdirSync(logoDir(s.tenant.id))).toHaveLength(0);
    const gone = await t.request('GET', '/api/v1/settings/logo', { token: s.token });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('settings.no_logo');
  });

  it('refuses wrong types, disguised files, a missing file and files over 2 MB', async () => {
    const s = await t.registerTenant();
    const gif = await upload(s.token, Buffer.from('GIF89a........'), 'image/gif');
    expect(gif.status).toBe(400);
    expect(gif.body.error.fields.file).toBe('请上传 PNG、JPEG 或 WebP 格式的图片');
    const disguised = await upload(s.token, Buffer.from('<svg onload="alert(1)"></svg>'), 'image/png');
    expect(disguised.status).toBe(400);
    const mismatch = await upload(s.token, JPEG, 'image/png');
    expect(mismatch.status).toBe(400);
    const wrongField = await upload(s.token, PNG, 'image/png', 'image');
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.fields.file).toBe('必填');
    const notMultipart = await t.request('POST', '/api/v1/settings/logo', { token: s.token, body: { file: 'x' } });
    expect(notMultipart.status).toBe(400);
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const tooBig = await upload(s.token, big, 'image/png');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({ code: 'settings.logo_too_large', message: 'LOGO 图片不能超过 2 MB' });
    expect(existsSync(logoDir(s.tenant.id))).toBe(false);
    expect((await t.request('GET', '/api/v1/settings', { token: s.token })).body.logoUrl).toBeNull();
  });

  it('serves a logo only to its own company', async () => {
    const a = await t.registerTenant();
    const b = await t.registerTenant();
    expect((await upload(a.token, PNG, 'image/png')).status).toBe(200);
    const other = await t.request('GET', '/api/v1/settings/logo', { token: b.token });
    expect(other.status).toBe(404);
    expect((await t.request('GET', '/api/v1/settings/logo')).status).toBe(401);
  });
});
