import { sql } from 'drizzle-orm';
import { customerKeys } from '../src/modules/customers/customers.dedupe.ts';
import type { Db } from '../src/platform/db/database.ts';
import type { SeededTenant } from './seed.ts';

/**
 * Customers for the issue-3 benchmarks, set-based: one INSERT … SELECT generate_series over all tenants,
 * with name_key / phone_key / email_key computed in SQL exactly as customerKeys() would (checked on a sample
 * afterwards). The table's secondary indexes are dropped for the load and rebuilt after it (a bulk load
 * builds an index far faster than a million single-row inserts maintain it), then VACUUM (ANALYZE) on PostgreSQL, ANALYZE on PGlite.
 *
 * The data: Chinese company names (city + brand + trade + legal form) and some individuals (张伟); owners
 * skewed towards a few salespeople, some customers with the team leads and the manager; last follow-up
 * spread over the past year (a tenth never followed up), next contact for some in the coming month; a mix
 * of levels, sources, statuses, industries, cities; one customer in twenty a key (热点) customer.
 */

const list = (items: string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(',')}]`;
const PLACES = [
  ['北京', '北京'],
  ['上海', '上海'],
  ['广东', '广州'],
  ['广东', '深圳'],
  ['浙江', '杭州'],
  ['江苏', '南京'],
  ['江苏', '苏州'],
  ['四川', '成都'],
  ['湖北', '武汉'],
  ['陕西', '西安'],
  ['山东', '青岛'],
  ['福建', '厦门'],
  ['天津', '天津'],
  ['重庆', '重庆'],
  ['湖南', '长沙'],
  ['河南', '郑州'],
];
const BRAND_1 = [...'华恒鼎博嘉中金宏天瑞新泰永利盛安德信达通'];
const BRAND_2 = [...'信远盛通禾源科兴达丰泰隆创辉凯锐明海航宇'];
/** Trade word in the name → industry. */
const TRADES = [
  ['科技', '信息技术'],
  ['软件', '信息技术'],
  ['贸易', '批发零售'],
  ['制造', '制造业'],
  ['机械', '制造业'],
  ['电子', '制造业'],
  ['物流', '交通物流'],
  ['建设', '建筑'],
  ['医药', '医疗健康'],
  ['食品', '食品饮料'],
  ['教育', '教育培训'],
  ['咨询', '商务服务'],
];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '强', '丽', '涛', '明', '超'];

/** A customer name seen in the data, for search queries (a Chinese substring of 2–4 characters). */
export const SEARCH_TERMS = ['华信科技', '恒远', '鼎盛贸易', '深圳嘉禾', '博通电子', '张伟'];

export interface CustomerSeedResult {
  rows: number;
  insertMs: number;
  indexMs: number;
  analyzeMs: number;
  /** Sampled rows whose keys differ from customerKeys() in the app (should be 0). */
  keyMismatches: number;
  sampled: number;
}

export async function seedCustomers(
  db: Db,
  engine: 'pglite' | 'postgres',
  tenants: SeededTenant[],
  total: number,
): Promise<CustomerSeedResult> {
  const perTenant = Math.max(1, Math.floor(total / tenants.length));
  const ownerRows = tenants.flatMap((t, ti) =>
    t.owners.map((o, k) => `(${ti}, ${k}, '${t.tenantId}'::uuid, '${o.id}'::uuid, '${o.departmentId}'::uuid)`),
  );
  const ownersPerTenant = tenants[0]!.owners.length;
  const started = performance.now();
  let insertMs = 0;
  let indexMs = 0;
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`SET LOCAL maintenance_work_mem = '256MB'`));
    await tx.execute(
      sql.raw(
        'CREATE TEMP TABLE bench_owner (t int, k int, tenant_id uuid, owner_id uuid, department_id uuid) ON COMMIT DROP',
      ),
    );
    await tx.execute(sql.raw(`INSERT INTO bench_owner VALUES ${ownerRows.join(',')}`));
    const indexes = await tx.execute<{ indexname: string; indexdef: string }>(
      sql.raw(`SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = 'customers'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`),
    );
    for (const i of indexes.rows) await tx.execute(sql.raw(`DROP INDEX "${i.indexname}"`));
    const places = `(${list(PLACES.map((p) => p[0]!))})`;
    const cities = `(${list(PLACES.map((p) => p[1]!))})`;
    const trades = `(${list(TRADES.map((p) => p[0]!))})`;
    const industries = `(${list(TRADES.map((p) => p[1]!))})`;
    await tx.execute(
      sql.raw(`INSERT INTO customers (tenant_id, id, kind, name, short_name, name_key, industry, level, source, status,
        tags, phone, phone_key, email, email_key, province, city, district, street, owner_id, department_id, is_key,
        deal_status, last_deal_at, next_contact_at, last_follow_up_at, owned_since, created_by, created_at, updated_at)
      SELECT x.tenant_id, gen_random_uuid(), CASE WHEN x.individual THEN 'individual' ELSE 'enterprise' END,
        CASE WHEN x.individual THEN x.person ELSE x.base || x.suffix END,
        CASE WHEN x.individual THEN NULL ELSE x.brand || x.trade END,
        CASE WHEN x.individual THEN x.person ELSE x.base END,
        CASE WHEN x.individual THEN NULL ELSE x.industry END,
        (ARRAY['A','B','B','C','C','C','D'])[1 + floor(x.r3 * 7)::int],
        (ARRAY['电话营销','网络推广','老客户介绍','展会','地推','广告'])[1 + floor(x.r4 * 6)::int],
        (ARRAY['潜在','意向','意向','成交','流失'])[1 + floor(x.r5 * 5)::int],
        CASE WHEN x.r5 < 0.1 THEN ARRAY['VIP'] WHEN x.r5 < 0.2 THEN ARRAY['重点跟进','渠道'] ELSE '{}'::text[] END,
        x.phone, x.phone, x.email, x.email, x.province, x.city, NULL, NULL, o.owner_id, o.department_id, x.r2 < 0.05,
        CASE WHEN x.r5 > 0.6 AND x.r5 < 0.8 THEN 'won' WHEN x.r5 >= 0.8 THEN 'in_progress' ELSE 'none' END,
        CASE WHEN x.r5 > 0.6 AND x.r5 < 0.8 THEN x.followed END,
        CASE WHEN x.r4 < 0.4 THEN now() + x.r3 * interval '30 days' END,
        CASE WHEN x.r2 < 0.9 THEN x.followed END,
        x.created, o.owner_id, x.created, greatest(x.followed, x.created + x.r1 * (now() - x.created))
      FROM (
        SELECT t.tenant_id, t.t, g, floor(${ownersPerTenant} * power(random(), 1.6))::int AS k,
          random() < 0.08 AS individual, r1, r2, r3, r4, r5, r6, r7,
          ${cities}[1 + floor(r7 * ${PLACES.length})::int] || b1.v || b2.v || ${trades}[1 + floor(r6 * ${TRADES.length})::int] AS base,
          b1.v || b2.v AS brand,
          ${trades}[1 + floor(r6 * ${TRADES.length})::int] AS trade,
          ${industries}[1 + floor(r6 * ${TRADES.length})::int] AS industry,
          ${places}[1 + floor(r7 * ${PLACES.length})::int] AS province,
          ${cities}[1 + floor(r7 * ${PLACES.length})::int] AS city,
          CASE WHEN r4 < 0.15 THEN '股份有限公司' WHEN r4 < 0.25 THEN '' ELSE '有限公司' END AS suffix,
          (${list(SURNAMES)})[1 + floor(r5 * ${SURNAMES.length})::int] || (${list(GIVEN)})[1 + (g % ${GIVEN.length})] AS person,
          CASE WHEN r2 < 0.8 THEN '1' || (3 + floor(r4 * 7)::int)::text || lpad((g * 7919 % 1000000000)::text, 9, '0') END AS phone,
          CASE WHEN r3 < 0.3 THEN 'c' || t.t || '.' || g || '@example.cn' END AS email,
          now() - r1 * interval '365 days' AS followed,
          now() - r1 * interval '365 days' - r2 * interval '700 days' AS created
        FROM (SELECT DISTINCT t, tenant_id FROM bench_owner) t
        CROSS JOIN generate_series(1, ${perTenant}) g
        CROSS JOIN LATERAL (SELECT random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, g AS gg) r
        CROSS JOIN LATERAL (SELECT (${list(BRAND_1)})[1 + floor(random() * ${BRAND_1.length})::int] AS v, g AS gg) b1
        CROSS JOIN LATERAL (SELECT (${list(BRAND_2)})[1 + floor(random() * ${BRAND_2.length})::int] AS v, g AS gg) b2
      ) x
      JOIN bench_owner o ON o.t = x.t AND o.k = x.k`),
    );
    insertMs = performance.now() - started;
    const indexStart = performance.now();
    for (const i of indexes.rows) await tx.execute(sql.raw(i.indexdef));
    indexMs = performance.now() - indexStart;
  });
  const analyzeStart = performance.now();
  // PostgreSQL: VACUUM too, as autovacuum would have by then (visibility map set: index-only scans work).
  // PGlite has no autovacuum, so there it is ANALYZE alone, as a real embedded install would be.
  await db.execute(sql.raw(engine === 'postgres' ? 'VACUUM (ANALYZE) customers' : 'ANALYZE customers'));
  const analyzeMs = performance.now() - analyzeStart;

  const sample = await db.execute<{
    name: string;
    phone: string | null;
    email: string | null;
    nk: string;
    pk: string | null;
    ek: string | null;
  }>(
    sql.raw(
      `SELECT name, phone, email, name_key AS nk, phone_key AS pk, email_key AS ek FROM customers TABLESAMPLE SYSTEM (1) LIMIT 500`,
    ),
  );
  const keyMismatches = sample.rows.filter((r) => {
    const k = customerKeys(r);
    return k.nameKey !== r.nk || k.phoneKey !== r.pk || k.emailKey !== r.ek;
  }).length;
  const count = await db.execute<{ n: number }>(sql.raw('SELECT count(*)::int AS n FROM customers'));
  return {
    rows: Number(count.rows[0]?.n ?? 0),
    insertMs,
    indexMs,
    analyzeMs,
    keyMismatches,
    sampled: sample.rows.length,
  };
}
