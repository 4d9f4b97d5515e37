import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { registerHandover } from '../../platform/handover/registry.ts';

/*
 * The platform's own hand-over types: direct reports, department headships and record shares.
 * Record modules (customers, ...) register theirs in their own index.ts.
 */

const count = async (tx: Tx, query: ReturnType<typeof sql>) =>
  Number((await tx.execute<{ n: number }>(query)).rows[0]?.n ?? 0);

registerHandover({
  type: 'employees.direct_reports',
  label: { 'zh-CN': '直接下属', en: 'Direct reports' },
  count: (tx, tenantId, from) =>
    count(tx, sql`SELECT count(*)::int AS n FROM users WHERE tenant_id = ${tenantId} AND supervisor_id = ${from}`),
  transfer: async (tx, tenantId, from, to) => {
    // A colleague from below the leaver takes the leaver's place: they report to the leaver's supervisor,
    // so the reports moved to them cannot form a loop.
    await tx.execute(sql`
      WITH RECURSIVE below(id) AS (
        SELECT id FROM users WHERE tenant_id = ${tenantId} AND supervisor_id = ${from}
        UNION
        SELECT u.id FROM users u JOIN below b ON u.tenant_id = ${tenantId} AND u.supervisor_id = b.id)
      UPDATE users SET supervisor_id = (SELECT supervisor_id FROM users WHERE tenant_id = ${tenantId} AND id = ${from}),
        updated_at = now()
      WHERE tenant_id = ${tenantId} AND id = ${to} AND id IN (SELECT id FROM below)`);
    await tx.execute(sql`UPDATE users SET supervisor_id = ${to}, updated_at = now()
      WHERE tenant_id = ${tenantId} AND supervisor_id = ${from} AND id <> ${to}`);
  },
});

registerHandover({
  type: 'org.department_heads',
  label: { 'zh-CN': '部门负责人', en: 'Department headships' },
  count: (tx, tenantId, from) =>
    count(tx, sql`SELECT count(*)::int AS n FROM departments WHERE tenant_id = ${tenantId} AND head_user_id = ${from}`),
  transfer: async (tx, tenantId, from, to) => {
    await tx.execute(sql`UPDATE departments SET head_user_id = ${to}, updated_at = now()
      WHERE tenant_id = ${tenantId} AND head_user_id = ${from}`);
  },
});

registerHandover({
  type: 'sharing.record_shares',
  label: { 'zh-CN': '共享记录', en: 'Record shares' },
  count: (tx, tenantId, from) =>
    count(
      tx,
      sql`SELECT count(*)::int AS n FROM record_shares
        WHERE tenant_id = ${tenantId} AND (user_id = ${from} OR created_by = ${from})`,
    ),
  transfer: async (tx, tenantId, from, to) => {
    await tx.execute(sql`UPDATE record_shares SET created_by = ${to}
      WHERE tenant_id = ${tenantId} AND created_by = ${from}`);
    // Where the colleague already has a share of the same record, keep theirs (with the wider access)
    // instead of creating a duplicate.
    await tx.execute(sql`UPDATE record_shares c SET access = 'write' FROM record_shares f
      WHERE f.tenant_id = ${tenantId} AND f.user_id = ${from} AND f.access = 'write'
        AND c.tenant_id = f.tenant_id AND c.user_id = ${to} AND c.object_type = f.object_type AND c.record_id = f.record_id`);
    await tx.execute(sql`DELETE FROM record_shares f
      WHERE f.tenant_id = ${tenantId} AND f.user_id = ${from} AND EXISTS (
        SELECT 1 FROM record_shares c WHERE c.tenant_id = f.tenant_id AND c.user_id = ${to}
          AND c.object_type = f.object_type AND c.record_id = f.record_id)`);
    await tx.execute(sql`UPDATE record_shares SET user_id = ${to} WHERE tenant_id = ${tenantId} AND user_id = ${from}`);
  },
});
