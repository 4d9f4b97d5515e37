/**
 * Import benchmark (issue 3): a 100,000-row XLSX through the real HTTP routes and the background job, with
 * duplicate checking on name + phone against 5,000 existing customers (5% of the file are duplicates).
 * PGlite in memory by default; BENCH_DATABASE_URL=postgres://… measures PostgreSQL (pg-boss runs the job).
 * BENCH_IMPORT_ROWS overrides the row count. Prints seconds and rows/s; figures, not assertions.
 *
 *   node --import tsx apps/server/bench/import-bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { boot } from '../src/boot.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { inTenant } from '../src/platform/db/database.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const EXISTING_EVERY = 20;
const url = process.env.BENCH_DATABASE_URL || undefined;
const dataDir = mkdtempSync(path.join(tmpdir(), 'huike-import-bench-'));
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function makeXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户');
  sheet.addRow(['客户名称', '电话', '邮箱', '行业', '级别', '省', '市', '标签']);
  for (let i = 0; i < ROWS; i++) {
    sheet.addRow([
      `基准客户${i}有限公司`,
      `13${String(i).padStart(9, '0')}`,
      `c${i}@bench.example`,
      ['软件', '制造', '零售', '金融'][i % 4],
      ['A', 'B', 'C'][i % 3],
      '浙江省',
      '杭州市',
      i % 2 ? '华东，新客' : '重点',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function multipart(file: Buffer, filename: string) {
  const boundary = `----bench${Date.now()}`;
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function main() {
  const engine = url ? 'postgres' : 'pglite';
  const config = {
    ...loadConfig({ DATA_DIR: dataDir, MAX_UPLOAD_BYTES: String(200 * 1024 * 1024) }),
    databaseUrl: url,
  };
  const running = await boot(config, url ? { databaseUrl: url, poolSize: 8 } : {});
  const { app } = running;
  try {
    const reg = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        companyName: `导入基准${Date.now()}`,
        adminName: '管理员',
        email: `bench${Date.now()}@bench.example`,
        password: 'Passw0rd!x',
      },
    });
    const { token, tenant, user } = reg.json() as { token: string; tenant: { id: string }; user: { id: string } };
    const auth = { authorization: `Bearer ${token}` };

    const existing = Math.floor(ROWS / EXISTING_EVERY);
    await inTenant(running.services.database.db, tenant.id, (tx) =>
      tx.execute(sql`INSERT INTO customers (tenant_id, id, name, name_key, owner_id, owned_since)
        SELECT ${tenant.id}, gen_random_uuid(), '基准客户' || (g * ${EXISTING_EVERY}) || '有限公司',
          '基准客户' || (g * ${EXISTING_EVERY}), ${user.id}, now()
        FROM generate_series(0, ${existing - 1}) g`),
    );
    let t0 = performance.now();
    const file = await makeXlsx();
    console.log(
      `${engine}: generated ${ROWS} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB XLSX in ${seconds(performance.now() - t0)} s (not counted); ${existing} existing customers`,
    );

    t0 = performance.now();
    const body = multipart(file, 'bench.xlsx');
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/customers',
      headers: { ...auth, 'content-type': body.contentType },
      payload: body.payload,
    });
    if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
    const { id, suggestedMapping } = up.json() as { id: string; suggestedMapping: Record<string, string | null> };
    const uploadMs = performance.now() - t0;

    const t1 = performance.now();
    const start = await app.inject({
      method: 'POST',
      url: `/api/v1/imports/${id}/start`,
      headers: auth,
      payload: { mapping: suggestedMapping, options: { duplicateMode: 'skip', duplicateKeys: ['name', 'phone'] } },
    });
    if (start.statusCode !== 200) throw new Error(`start: ${start.statusCode} ${start.body}`);
    let job: Record<string, unknown> = {};
    for (;;) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: auth });
      job = res.json();
      if (job.status === 'done' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const jobMs = performance.now() - t1;
    const totalMs = performance.now() - t0;
    console.log(
      `${engine}: created ${job.created}, skipped ${job.skipped}, failed ${job.failed}, status ${job.status}${job.error ? ` (${job.error})` : ''}`,
    );
    console.log(
      `${engine}: upload + parse ${seconds(uploadMs)} s; job ${seconds(jobMs)} s (${Math.round(ROWS / (jobMs / 1000))} rows/s)`,
    );
    console.log(
      `${engine}: import of ${ROWS} XLSX rows with duplicate checking: ${seconds(totalMs)} s (${Math.round(ROWS / (totalMs / 1000))} rows/s)`,
    );
  } finally {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
