// Test support for the import tests: files made in memory, multipart upload, start and wait for the job.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';

export async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const csvOf = (rows: string[][], bom = false) => Buffer.from(`${bom ? '\uFEFF' : ''}${Papa.unparse(rows)}\r\n`);

/** Every row of the first sheet of an XLSX, as strings. */
export async function readXlsx(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as never);
  const out: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v))));
  });
  return out;
}

export function uploadFile(
  t: TestApp,
  token: string,
  file: Buffer,
  filename: string,
  url = '/api/v1/imports/customers',
) {
  const boundary = `----huike${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.request('POST', url, {
    token,
    body: payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** Poll the import until the job is done (or failed); returns the final status. */
export async function waitForImport(t: TestApp, token: string, id: string) {
  for (let i = 0; i < 600; i++) {
    const res = await t.request('GET', `/api/v1/imports/${id}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

/** Upload, start with the suggested mapping (plus overrides) and wait: the whole journey through HTTP. */
export async function importFile(
  t: TestApp,
  token: string,
  file: Buffer,
  filename: string,
  opts: { mapping?: Record<string, string | null>; options?: Record<string, unknown> } = {},
) {
  const up = await uploadFile(t, token, file, filename);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const mapping = { ...up.body.suggestedMapping, ...opts.mapping };
  const start = await t.request('POST', `/api/v1/imports/${up.body.id}/start`, {
    token,
    body: { mapping, options: opts.options ?? {} },
  });
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  const done = await waitForImport(t, token, up.body.id);
  return { upload: up.body, job: done };
}

export async function report(t: TestApp, token: string, id: string): Promise<string[][]> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/imports/${id}/report.xlsx`,
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.statusCode).toBe(200);
  return readXlsx(res.rawPayload);
}
