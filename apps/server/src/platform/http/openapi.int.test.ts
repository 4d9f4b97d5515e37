import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { allRoutes } from '../../modules/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('API surface', () => {
  it('publishes OpenAPI 3.1 with every route, and Swagger UI', async () => {
    const res = await t.request('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const r of allRoutes) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(res.body.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
    const docs = await t.request('GET', '/api/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger');
  });

  it('answers unknown API paths with the one error shape, in the caller language', async () => {
    const res = await t.request('GET', '/api/v1/no-such-thing', { lang: 'en' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'common.not_found', message: 'Record not found' } });
    expect((await t.request('GET', '/healthz')).body.status).toBe('ok');
  });
});
