import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { previewHandover, runHandover } from '../../platform/handover/registry.ts';
import { addEmployee, addRole, disableEmployee } from '../roles/test-users.ts';
import { createThingsTable, dropThingsTable, names as namesFor, thing, world as worldFor } from './sharing.fixture.ts';

/*
 * The sharing mechanism end to end on a throwaway record type ("things", see sharing.fixture.ts), the way a
 * record module such as customers will use it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await createThingsTable(t);
});
afterAll(async () => {
  if (t) await dropThingsTable(t);
  await t?.close();
});
const world = () => worldFor(t);
const names = (token: string) => namesFor(t, token);

describe('record sharing', () => {
  it('private by default: others see only what their data scope covers', async () => {
    const w = await world();
    expect(await names(w.owner.token)).toEqual(['A 甲的记录']);
    expect(await names(w.peer.token)).toEqual(['B 乙的记录']);
    expect(await names(w.mgr.token)).toEqual(['A 甲的记录']);
    expect(await names(w.admin.token)).toEqual(['A 甲的记录', 'B 乙的记录']);
    const peerReads = await t.request('GET', `/api/v1/things/${w.mine}/shares`, { token: w.peer.token });
    expect(peerReads.status).toBe(404);
    const peerTakes = await t.request('POST', `/api/v1/things/${w.mine}/transfer`, {
      token: w.peer.token,
      body: { toUserId: w.peer.id },
    });
    expect(peerTakes.status).toBe(404);
  });

  it('public read shows every record but refuses writes, shares and transfers; public write allows them', async () => {
    const w = await world();
    const put = await t.request('PUT', '/api/v1/sharing/defaults/thing', {
      token: w.admin.token,
      body: { defaultAccess: 'public_read' },
    });
    expect(put.status).toBe(200);
    expect(await names(w.peer.token)).toEqual(['A 甲的记录', 'B 乙的记录']);
    const edit = await t.request('PATCH', `/api/v1/things/${w.mine}`, { token: w.peer.token, body: { name: 'x' } });
    expect(edit.status).toBe(403);
    expect(edit.body.error.code).toBe('sharing.read_only');
    const transfer = await t.request('POST', `/api/v1/things/${w.mine}/transfer`, {
      token: w.peer.token,
      body: { toUserId: w.peer.id },
    });
    expect(transfer.status).toBe(403);
    const reshare = await t.request('POST', `/api/v1/things/${w.mine}/shares`, {
      token: w.peer.token,
      body: { userId: w.outsider.id, access: 'read' },
    });
    expect(reshare.status).toBe(403);
    expect((await t.request('GET', `/api/v1/things/${w.mine}/shares`, { token: w.peer.token })).status).toBe(200);

    await t.request('PUT', '/api/v1/sharing/defaults/thing', {
      token: w.admin.token,
      body: { defaultAccess: 'public_write' },
    });
    const edited = await t.request('PATCH', `/api/v1/things/${w.mine}`, {
      token: w.peer.token,
      body: { name: 'A 改' },
    });
    expect(edited.status).toBe(200);
  });

  it('shares one record with a user, read then read-write, and stops sharing', async () => {
    const w = await world();
    const shared = await t.request('POST', `/api/v1/things/${w.mine}/shares`, {
      token: w.owner.token,
      body: { userId: w.peer.id, access: 'read' },
    });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ userId: w.peer.id, userName: '乙', departmentId: null, access: 'read' });
    expect(await names(w.peer.token)).toEqual(['A 甲的记录', 'B 乙的记录']);
    expect(
      (await t.request('PATCH', `/api/v1/things/${w.mine}`, { token: w.peer.token, body: { name: 'x' } })).status,
    ).toBe(403);

    const upgraded = await t.request('POST', `/api/v1/things/${w.mine}/shares`, {
      token: w.owner.token,
      body: { userId: w.peer.id, access: 'write' },
    });
    expect(upgraded.body.id).toBe(shared.body.id);
    const list = await t.request('GET', `/api/v1/things/${w.mine}/shares`, { token: w.peer.token });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].access).toBe('write');
    expect(
      (await t.request('PATCH', `/api/v1/things/${w.mine}`, { token: w.peer.token, body: { name: 'A 乙改' } })).status,
    ).toBe(200);

    const removed = await t.request('DELETE', `/api/v1/things/${w.mine}/shares/${shared.body.id}`, {
      token: w.owner.token,
    });
    expect(removed.status).toBe(200);
    expect(await names(w.peer.token)).toEqual(['B 乙的记录']);
    const again = await t.request('DELETE', `/api/v1/things/${w.mine}/shares/${shared.body.id}`, {
      token: w.owner.token,
    });
    expect(again.status).toBe(404);
  });

  it('a share to a department reaches its sub-departments, not the departments above', async () => {
    const w = await world();
    const res = await t.request('POST', `/api/v1/things/${w.mine}/shares`, {
      token: w.owner.token,
      body: { departmentId: w.sales, access: 'read' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ departmentId: w.sales, departmentName: '销售部', userId: null });
    expect(await names(w.peer.token)).toContain('A 甲的记录'); // 华东组 is under 销售部
    expect(await names(w.outsider.token)).toEqual([]); // 全公司 is above it
  });

  it('transfers ownership: the new owner sees it, the old one no longer does, and the trail says so', async () => {
    const w = await world();
    const res = await t.request('POST', `/api/v1/things/${w.mine}/transfer`, {
      token: w.mgr.token, // a supervisor may transfer a subordinate's record
      body: { toUserId: w.outsider.id },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: w.mine, ownerId: w.outsider.id, ownerName: '丙' });
    expect(await names(w.outsider.token)).toEqual(['A 甲的记录']);
    expect(await names(w.owner.token)).toEqual([]);
    const trail = await t.request('GET', `/api/v1/audit?recordId=${w.mine}`, { token: w.admin.token });
    expect(trail.body.items[0]).toMatchObject({
      action: 'transfer',
      objectType: 'thing',
      actorName: '经理',
      changes: [{ field: 'ownerId', from: w.owner.id, to: w.outsider.id }],
    });
  });

  it('answers bad input with field errors', async () => {
    const w = await world();
    const both = await t.request('POST', `/api/v1/things/${w.mine}/shares`, {
      token: w.owner.token,
      body: { userId: w.peer.id, departmentId: w.sales, access: 'read' },
    });
    expect(both.status).toBe(400);
    expect(both.body.error.fields.userId).toBe('请选择一名员工或一个部门');
    const badAccess = await t.request('POST', `/api/v1/things/${w.mine}/shares`, {
      token: w.owner.token,
      body: { userId: w.peer.id, access: 'own' },
    });
    expect(badAccess.body.error.fields.access).toBeDefined();
    const nobody = await t.request('POST', `/api/v1/things/${w.mine}/transfer`, {
      token: w.owner.token,
      body: { toUserId: newId() },
    });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.fields.toUserId).toBe('引用的记录不存在');
    await disableEmployee(t, w.tenantId, w.peer.id);
    const disabled = await t.request('POST', `/api/v1/things/${w.mine}/transfer`, {
      token: w.owner.token,
      body: { toUserId: w.peer.id },
    });
    expect(disabled.body.error.fields.toUserId).toBe('该员工已停用');
  });

  it('answers 403 without the share or transfer grant', async () => {
    const w = await world();
    const viewOnly = await addRole(t, w.tenantId, ['things.view'], { things: 'all' });
    const viewer = await addEmployee(t, w.tenantId, { roleIds: [viewOnly] });
    expect((await t.request('GET', `/api/v1/things/${w.mine}/shares`, { token: viewer.token })).status).toBe(200);
    const share = await t.request('POST', `/api/v1/things/${w.mine}/shares`, {
      token: viewer.token,
      body: { userId: w.peer.id, access: 'read' },
    });
    expect(share.status).toBe(403);
    const transfer = await t.request('POST', `/api/v1/things/${w.mine}/transfer`, {
      token: viewer.token,
      body: { toUserId: viewer.id },
    });
    expect(transfer.status).toBe(403);
  });

  it('answers 404 for another tenant’s records and refuses targets from another tenant', async () => {
    const w = await world();
    const other = await world();
    const share = await t.request('POST', `/api/v1/things/${w.mine}/shares`, {
      token: w.owner.token,
      body: { userId: w.peer.id, access: 'read' },
    });
    for (const [method, url, body] of [
      ['GET', `/api/v1/things/${w.mine}/shares`, undefined],
      ['POST', `/api/v1/things/${w.mine}/shares`, { userId: other.peer.id, access: 'read' }],
      ['DELETE', `/api/v1/things/${w.mine}/shares/${share.body.id}`, undefined],
      ['POST', `/api/v1/things/${w.mine}/transfer`, { toUserId: other.peer.id }],
    ] as const) {
      const res = await t.request(method, url, { token: other.admin.token, body });
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    const foreignTarget = await t.request('POST', `/api/v1/things/${w.mine}/transfer`, {
      token: w.owner.token,
      body: { toUserId: other.peer.id },
    });
    expect(foreignTarget.status).toBe(400);
    const foreignDept = await t.request('POST', `/api/v1/things/${w.mine}/shares`, {
      token: w.owner.token,
      body: { departmentId: other.sales, access: 'read' },
    });
    expect(foreignDept.status).toBe(400);
    // A share row id of this tenant under another record is not found either.
    const wrongRecord = await t.request('DELETE', `/api/v1/things/${w.theirs}/shares/${share.body.id}`, {
      token: w.admin.token,
    });
    expect(wrongRecord.status).toBe(404);
  });
});

describe('hand-over', () => {
  it('registers every shared record type for the hand-over when an employee leaves', async () => {
    const w = await world();
    const db = t.services.database.db;
    const preview = await inTenant(db, w.tenantId, (tx) => previewHandover(tx, w.tenantId, w.owner.id));
    expect(preview).toContainEqual({ type: 'thing', label: thing.label, count: 1 });
    await inTenant(db, w.tenantId, (tx) => runHandover(tx, w.tenantId, w.owner.id, w.peer.id));
    expect(await names(w.peer.token)).toEqual(['A 甲的记录', 'B 乙的记录']);
    expect(await names(w.owner.token)).toEqual([]);
  });
});

describe('sharing defaults', () => {
  it('lists registered record types for any user; only settings.manage changes them, per tenant', async () => {
    const w = await world();
    const other = await world();
    const list = await t.request('GET', '/api/v1/sharing/defaults', { token: w.peer.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual({
      objectType: 'thing',
      label: { 'zh-CN': '测试对象', en: 'Thing' },
      defaultAccess: 'private',
    });
    const refused = await t.request('PUT', '/api/v1/sharing/defaults/thing', {
      token: w.peer.token,
      body: { defaultAccess: 'public_read' },
    });
    expect(refused.status).toBe(403);
    const bad = await t.request('PUT', '/api/v1/sharing/defaults/thing', {
      token: w.admin.token,
      body: { defaultAccess: 'everyone' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.defaultAccess).toBe('不是允许的选项');
    const unknown = await t.request('PUT', '/api/v1/sharing/defaults/nothing', {
      token: w.admin.token,
      body: { defaultAccess: 'public_read' },
    });
    expect(unknown.status).toBe(404);
    await t.request('PUT', '/api/v1/sharing/defaults/thing', {
      token: w.admin.token,
      body: { defaultAccess: 'public_read' },
    });
    const mine = await t.request('GET', '/api/v1/sharing/defaults', { token: w.peer.token });
    const theirs = await t.request('GET', '/api/v1/sharing/defaults', { token: other.peer.token });
    const access = (r: typeof mine) =>
      r.body.items.find((i: { objectType: string }) => i.objectType === 'thing').defaultAccess;
    expect(access(mine)).toBe('public_read');
    expect(access(theirs)).toBe('private');
    expect(await names(other.peer.token)).toEqual(['B 乙的记录']);
  });
});
