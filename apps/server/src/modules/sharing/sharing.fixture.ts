// Test fixture: a throwaway record type wired through the sharing mechanism (imported before the app boots).
import { and, eq, sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { TestApp } from '../../../test/harness.ts';
import { actionLabels as a, declareModule } from '../../platform/access/permissions.ts';
import { canWrite, recordAccess, recordVisibility, registerSharedObject } from '../../platform/access/sharing.ts';
import { sharingRoutes } from '../../platform/access/sharing-routes.ts';
import { APP_ROLE, inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, notFound } from '../../platform/errors/errors.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { allRoutes } from '../index.ts';
import { addDepartment, addEmployee, addRole, rootDepartment } from '../roles/test-users.ts';

/*
 * The sharing mechanism end to end on a throwaway record type ("things"), the way a record module such
 * as customers will use it: its own table with an owner, registered for sharing, with the factory's routes.
 */
const TABLE = `test_things_${process.pid}`;
export const things = pgTable(TABLE, {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  ownerId: uuid('owner_id').notNull(),
  name: text('name').notNull(),
});
declareModule({
  module: 'things',
  label: { 'zh-CN': '测试对象', en: 'Things' },
  actions: { view: a.view, edit: a.edit, share: a.share, transfer: a.transfer },
  scoped: true,
});
export const thing = registerSharedObject({
  objectType: 'thing',
  module: 'things',
  label: { 'zh-CN': '测试对象', en: 'Thing' },
  table: { table: things, tenantId: things.tenantId, id: things.id, owner: things.ownerId },
});
const item = z.object({ id: z.uuid(), name: z.string(), ownerId: z.uuid() });
allRoutes.push(
  defineRoute({
    method: 'GET',
    url: '/api/v1/things',
    permission: 'things.view',
    summary: 'test list',
    tags: ['test'],
    response: z.object({ items: z.array(item) }),
    handler: async ({ tx, actor }) => {
      const visible = await recordVisibility(tx, actor, 'thing', { id: things.id, owner: things.ownerId });
      const rows = await tx
        .select({ id: things.id, name: things.name, ownerId: things.ownerId })
        .from(things)
        .where(and(eq(things.tenantId, actor.tenantId), visible))
        .orderBy(things.name);
      return { items: rows };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/things/:id',
    permission: 'things.edit',
    summary: 'test edit',
    tags: ['test'],
    params: idParams,
    body: z.object({ name: z.string() }),
    response: z.object({ ok: z.boolean() }),
    audit: { objectType: 'thing', action: 'update' },
    handler: async ({ tx, actor }, { params, body }) => {
      if ((await recordAccess(tx, actor, 'thing', params.id)) === 'none') throw notFound();
      if (!(await canWrite(tx, actor, 'thing', params.id))) throw new AppError(403, 'sharing.read_only');
      await tx
        .update(things)
        .set({ name: body.name })
        .where(and(eq(things.tenantId, actor.tenantId), eq(things.id, params.id)));
      return { ok: true };
    },
  }),
  ...sharingRoutes({ base: '/api/v1/things', object: thing, tags: ['test'] }),
);

/** The throwaway table, as a record module's migration would create it: tenant key, RLS, grants. */
export async function createThingsTable(t: TestApp) {
  const tenantMatch = `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;
  for (const statement of [
    `CREATE TABLE ${TABLE} (tenant_id uuid NOT NULL, id uuid NOT NULL, owner_id uuid NOT NULL, name text NOT NULL,
      PRIMARY KEY (tenant_id, id), FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id))`,
    `CREATE INDEX ${TABLE}_owner_idx ON ${TABLE} (tenant_id, owner_id)`,
    `ALTER TABLE ${TABLE} ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY ${TABLE}_tenant_isolation ON ${TABLE} USING (${tenantMatch}) WITH CHECK (${tenantMatch})`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLE} TO ${APP_ROLE}`,
  ]) {
    await t.services.database.db.execute(sql.raw(statement));
  }
}

export async function dropThingsTable(t: TestApp) {
  await t.services.database.db.execute(sql.raw(`DROP TABLE IF EXISTS ${TABLE}`));
}

const FULL = ['things.view', 'things.edit', 'things.share', 'things.transfer'];

/**
 * 全公司 ─ 销售部 ─ 华东组. mgr (销售部, own + subordinates) supervises owner; owner and peer sit in
 * 华东组 with "own"; outsider sits at the root with "own". owner has one thing, peer another.
 */
export async function world(t: TestApp) {
  const admin = await t.registerTenant();
  const tenantId = admin.tenant.id;
  const root = await rootDepartment(t, tenantId);
  const sales = await addDepartment(t, tenantId, root, '销售部');
  const east = await addDepartment(t, tenantId, sales, '华东组');
  const own = await addRole(t, tenantId, FULL, { things: 'own' });
  const subs = await addRole(t, tenantId, FULL, { things: 'subordinates' });
  const mgr = await addEmployee(t, tenantId, { name: '经理', roleIds: [subs], departmentId: sales });
  const owner = await addEmployee(t, tenantId, {
    name: '甲',
    roleIds: [own],
    departmentId: east,
    supervisorId: mgr.id,
  });
  const peer = await addEmployee(t, tenantId, { name: '乙', roleIds: [own], departmentId: east });
  const outsider = await addEmployee(t, tenantId, { name: '丙', roleIds: [own], departmentId: root });
  const mine = newId();
  const theirs = newId();
  await inTenant(t.services.database.db, tenantId, (tx) =>
    tx.insert(things).values([
      { tenantId, id: mine, ownerId: owner.id, name: 'A 甲的记录' },
      { tenantId, id: theirs, ownerId: peer.id, name: 'B 乙的记录' },
    ]),
  );
  return { admin, tenantId, root, sales, east, own, mgr, owner, peer, outsider, mine, theirs };
}

export const names = async (t: TestApp, token: string) =>
  (await t.request('GET', '/api/v1/things', { token })).body.items.map((i: { name: string }) => i.name);
