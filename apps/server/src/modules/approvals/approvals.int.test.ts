// Approvals through HTTP: flows, submission, decisions, inbox, reminders, hand-over. The document type is a
// test loader over a Map, registered for 'expense' for the length of this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant } from '../../platform/db/database.ts';
import { addEmployee, type Person, roleIdsByCode } from '../employees/employees.test-helpers.ts';
import { approvalStatus, assertNotPending, type DecisionOutcome, registerApprovalDocument } from './index.ts';

interface Doc {
  tenantId: string;
  title: string;
  amount: string;
  ownerId: string;
  hiddenFrom?: string[];
}
const docs = new Map<string, Doc>();
const decided: Array<{ id: string; outcome: DecisionOutcome }> = [];
let unregister: () => void;

let t: TestApp;
let admin: Session;
let roles: Record<string, string>;
let boss: Person;
let manager: Person;
let sales: Person;
let finance1: Person;
let finance2: Person;
let s: Record<'boss' | 'manager' | 'sales' | 'finance1' | 'finance2', Session>;

const api = '/api/v1/approvals';
const get = (url: string, who: Session = admin) => t.request('GET', url, { token: who.token });
const post = (url: string, body: unknown, who: Session = admin) => t.request('POST', url, { token: who.token, body });
const put = (url: string, body: unknown, who: Session = admin) => t.request('PUT', url, { token: who.token, body });

function newDoc(amount: string, ownerId = sales.id, extra: Partial<Doc> = {}) {
  const id = crypto.randomUUID();
  docs.set(id, { tenantId: admin.tenant.id, title: `费用单 ${amount}`, amount, ownerId, ...extra });
  return id;
}
const submit = (id: string, who: Session = s.sales, comment?: string) =>
  post(`${api}/documents/expense/${id}/submit`, comment ? { comment } : {}, who);
const act = (instanceId: string, action: string, who: Session, comment?: string) =>
  post(`${api}/${instanceId}/${action}`, comment ? { comment } : {}, who);

/** Under 1000: the manager (或签). 1000 and up: the manager, then finance co-signs (会签). */
const flow = () => ({
  enabled: true,
  definition: {
    documentType: 'expense',
    name: '费用审批',
    branches: [
      { name: '免审', when: { type: 'decimal', field: 'amount', op: 'lt', value: '5' }, steps: [] },
      {
        name: '大额',
        when: { type: 'decimal', field: 'amount', op: 'gte', value: '1000' },
        steps: [
          { name: '直接上级', approvers: { kind: 'supervisor', level: 1 } },
          { name: '财务会签', approvers: { kind: 'users', userIds: [finance1.id, finance2.id] }, mode: 'all' },
        ],
      },
      { name: '其他', steps: [{ name: '直接上级', approvers: { kind: 'supervisor', level: 1 } }] },
    ],
  },
});

beforeAll(async () => {
  unregister = registerApprovalDocument({
    type: 'expense',
    label: { 'zh-CN': '费用报销', en: 'Expense' },
    permission: 'customers.view',
    load: async (_tx, actor, id) => {
      const doc = docs.get(id);
      if (!doc || doc.tenantId !== actor.tenantId) return null;
      return {
        title: doc.title,
        fields: { amount: doc.amount },
        ownerId: doc.ownerId,
        visible: !doc.hiddenFrom?.includes(actor.userId),
      };
    },
    onDecided: async (_ctx, id, outcome) => {
      decided.push({ id, outcome });
    },
  });
  t = await startTestApp();
  admin = await t.registerTenant();
  roles = await roleIdsByCode(t, admin.tenant.id);
  boss = await addEmployee(t, admin, { name: '老板', roleIds: [roles.boss!], supervisorId: null });
  manager = await addEmployee(t, admin, { name: '经理', roleIds: [roles.sales_manager!], supervisorId: boss.id });
  sales = await addEmployee(t, admin, { name: '销售', roleIds: [roles.sales!], supervisorId: manager.id });
  finance1 = await addEmployee(t, admin, { name: '财务一', roleIds: [roles.finance!] });
  finance2 = await addEmployee(t, admin, { name: '财务二', roleIds: [roles.finance!] });
  s = {
    boss: await boss.session(),
    manager: await manager.session(),
    sales: await sales.session(),
    finance1: await finance1.session(),
    finance2: await finance2.session(),
  };
  const saved = await put(`${api}/flows/expense`, flow());
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
});
afterAll(async () => {
  unregister?.();
  await t?.close();
});

describe('approval flows', () => {
  it('lists every document type, saves versions and deletes', async () => {
    const list = await get(`${api}/flows`);
    expect(list.status).toBe(200);
    const expense = list.body.items.find((i: { documentType: string }) => i.documentType === 'expense');
    expect(expense).toMatchObject({ registered: true, label: { 'zh-CN': '费用报销' }, flow: { enabled: true } });
    expect(list.body.items.find((i: { documentType: string }) => i.documentType === 'contract').flow).toBeNull();

    const v1 = await put(`${api}/flows/purchase`, {
      ...flow(),
      definition: { ...flow().definition, documentType: 'purchase' },
    });
    expect(v1.status).toBe(200);
    expect(v1.body.version).toBe(1);
    const v2 = await put(`${api}/flows/purchase`, {
      enabled: false,
      definition: { ...flow().definition, documentType: 'purchase' },
    });
    expect(v2.body).toMatchObject({ version: 2, enabled: false });
    expect((await get(`${api}/flows/purchase`)).body.version).toBe(2);
    expect((await t.request('DELETE', `${api}/flows/purchase`, { token: admin.token })).status).toBe(200);
    expect((await get(`${api}/flows/purchase`)).body).toBeNull();
    expect((await t.request('DELETE', `${api}/flows/purchase`, { token: admin.token })).status).toBe(404);
    expect((await get(`${api}/flows/nonsense`)).status).toBe(404);
  });

  it('answers 400 with a message per field', async () => {
    const bad = await put(`${api}/flows/expense`, {
      definition: {
        documentType: 'expense',
        name: '',
        branches: [
          { name: '默认', steps: [] },
          {
            name: '区间',
            when: { type: 'decimal', field: 'amount', op: 'between', min: '5000', max: '100' },
            steps: [{ name: '经理', approvers: { kind: 'supervisor', level: 99 } }],
          },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('common.validation');
    expect(bad.body.error.fields).toMatchObject({
      'definition.name': expect.any(String),
      'definition.branches.1.when.max': '上限不能小于下限',
      'definition.branches.1.steps.0.approvers.level': expect.any(String),
    });
    const mismatch = await put(`${api}/flows/contract`, flow());
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.fields['definition.documentType']).toBe('单据类型与地址不符');
    const other = await t.registerTenant();
    const foreignUser = flow();
    foreignUser.definition.branches[1]!.steps[1]!.approvers = { kind: 'users', userIds: [other.user.id] } as never;
    const refused = await put(`${api}/flows/expense`, foreignUser);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields['definition.branches.1.steps.1.approvers.userIds']).toBe('审批人不存在或已停用');
  });

  it('is for administrators only (403)', async () => {
    expect((await get(`${api}/flows`, s.manager)).status).toBe(403);
    expect((await put(`${api}/flows/expense`, flow(), s.boss)).status).toBe(403);
  });
});

describe('approving a document', () => {
  it('submit → the supervisor approves → approved, onDecided called, the document unlocked', async () => {
    const id = newDoc('300');
    const submitted = await submit(id, s.sales, '请审批');
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'pending',
      title: '费用单 300',
      branchName: '其他',
      submitter: { id: sales.id, name: '销售' },
      steps: [{ name: '直接上级', approvers: [{ id: manager.id, name: '经理' }], state: 'current' }],
      actions: expect.arrayContaining(['withdraw', 'comment']),
    });
    const instanceId = submitted.body.id;
    await inTenant(t.services.database.db, admin.tenant.id, async (tx) => {
      await expect(assertNotPending(tx, 'expense', id)).rejects.toMatchObject({
        status: 409,
        code: 'approvals.locked',
      });
      expect((await approvalStatus(tx, 'expense', [id])).get(id)).toBe('pending');
    });

    const viewed = await get(`${api}/${instanceId}`, s.manager);
    expect(viewed.body.actions).toEqual(['approve', 'reject', 'return', 'comment']);
    const approved = await act(instanceId, 'approve', s.manager, '同意');
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.events.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'step_started',
      'commented',
      'approved',
      'completed',
    ]);
    expect(decided).toContainEqual({ id, outcome: 'approved' });
    await inTenant(t.services.database.db, admin.tenant.id, (tx) => assertNotPending(tx, 'expense', id));

    const doc = await get(`${api}/documents/expense/${id}`, s.sales);
    expect(doc.body).toMatchObject({
      flowEnabled: true,
      canSubmit: false,
      instance: { id: instanceId, status: 'approved' },
    });
    // Approved is final for this instance: submitting again is a conflict.
    expect((await submit(id)).status).toBe(409);
    const history = await get(`/api/v1/audit?objectType=approval`);
    if (history.status === 200)
      expect(history.body.items.some((i: { action: string }) => i.action === 'approve')).toBe(true);
  });

  it('a branch without steps approves at once', async () => {
    const id = newDoc('3.50');
    const res = await submit(id);
    expect(res.body).toMatchObject({ status: 'approved', branchName: '免审', steps: [] });
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['submitted', 'completed']);
    expect(decided).toContainEqual({ id, outcome: 'approved' });
  });

  it('an all-of step needs every co-signer', async () => {
    const id = newDoc('5000.00');
    const submitted = await submit(id);
    expect(submitted.body.branchName).toBe('大额');
    const instanceId = submitted.body.id;
    expect((await act(instanceId, 'approve', s.finance1)).status).toBe(403);
    await act(instanceId, 'approve', s.manager);
    const one = await act(instanceId, 'approve', s.finance1);
    expect(one.body).toMatchObject({ status: 'pending', currentStep: 1, awaiting: [{ id: finance2.id }] });
    expect((await act(instanceId, 'approve', s.finance1)).body.error.code).toBe('approvals.already_approved');
    const two = await act(instanceId, 'approve', s.finance2);
    expect(two.body.status).toBe('approved');
    expect(two.body.steps[1].decisions).toHaveLength(2);
  });

  it('reject needs a reason and is final; a new submission starts a new instance', async () => {
    const id = newDoc('100');
    const { body } = await submit(id);
    const noReason = await act(body.id, 'reject', s.manager);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.comment).toBe('请填写意见');
    const rejected = await act(body.id, 'reject', s.manager, '超预算');
    expect(rejected.body.status).toBe('rejected');
    expect(decided).toContainEqual({ id, outcome: 'rejected' });
    expect((await act(body.id, 'approve', s.manager)).status).toBe(409);
    const again = await submit(id);
    expect(again.status).toBe(200);
    expect(again.body.id).not.toBe(body.id);
  });

  it('return for changes, then resubmit: a new round from the first step', async () => {
    const id = newDoc('200');
    const { body } = await submit(id);
    const returned = await act(body.id, 'return', s.manager, '请补充发票');
    expect(returned.body.status).toBe('returned');
    docs.get(id)!.amount = '2000';
    const resubmitted = await submit(id);
    expect(resubmitted.body).toMatchObject({ id: body.id, status: 'pending', round: 2, branchName: '大额' });
    expect(resubmitted.body.steps).toHaveLength(2);
  });

  it('withdraw by the submitter only; non-approvers get 403; double submit 409', async () => {
    const id = newDoc('50');
    const { body } = await submit(id);
    expect((await submit(id)).status).toBe(409);
    expect((await act(body.id, 'withdraw', s.manager)).status).toBe(403);
    expect((await act(body.id, 'approve', s.boss)).status).toBe(403);
    expect((await act(body.id, 'approve', s.sales)).body.error.code).toBe('approvals.not_approver');
    expect((await act(body.id, 'comment', s.finance1, '我看看')).status).toBe(403);
    const withdrawn = await act(body.id, 'withdraw', s.sales, '改一下');
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.actions).toEqual(['submit', 'comment']);
    expect((await submit(id)).body.status).toBe('pending');
  });

  it('refuses without a flow (422) and for documents the actor may not see (404)', async () => {
    await put(`${api}/flows/expense`, { ...flow(), enabled: false });
    const noFlow = await submit(newDoc('10'));
    expect(noFlow.status).toBe(422);
    expect(noFlow.body.error.code).toBe('approvals.no_flow');
    await put(`${api}/flows/expense`, flow());
    const hidden = newDoc('10', sales.id, { hiddenFrom: [sales.id] });
    expect((await submit(hidden)).status).toBe(404);
    expect((await submit(crypto.randomUUID())).status).toBe(404);
    expect((await get(`${api}/documents/expense/${hidden}`, s.sales)).status).toBe(404);
    expect((await post(`${api}/documents/contract/${newDoc('1')}/submit`, {}, s.sales)).status).toBe(404);
    // A visible document, but a non-participant who may not see it cannot open its approval.
    const secret = newDoc('20', sales.id, { hiddenFrom: [boss.id] });
    const { body } = await submit(secret);
    expect((await get(`${api}/${body.id}`, s.boss)).status).toBe(404);
    expect((await get(`${api}/${body.id}`, s.manager)).status).toBe(200);
    await act(body.id, 'withdraw', s.sales);
  });
});

describe('inbox, counts, reminders', () => {
  it('lists what waits on the actor with keyset paging and counts it', async () => {
    const ids = [newDoc('11'), newDoc('12'), newDoc('13')];
    const instances: string[] = [];
    for (const id of ids) instances.push((await submit(id)).body.id);
    const counts = await get(`${api}/counts`, s.manager);
    expect(counts.body.toApprove).toBeGreaterThanOrEqual(3);
    const first = await get(`${api}/inbox?limit=2`, s.manager);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({
      id: instances[2],
      status: 'pending',
      currentStepName: '直接上级',
      submitter: { id: sales.id },
      documentLabel: { 'zh-CN': '费用报销' },
    });
    const second = await get(`${api}/inbox?limit=2&cursor=${first.body.nextCursor}`, s.manager);
    expect(second.body.items[0].id).toBe(instances[0]);
    expect((await get(`${api}/inbox`, s.boss)).body.items).toEqual([]);
    const mine = await get(`${api}/mine?status=pending`, s.sales);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(instances));
    expect((await get(`${api}/counts`, s.sales)).body.submittedPending).toBeGreaterThanOrEqual(3);

    const reminders = await get('/api/v1/reminders', s.manager);
    const pending = reminders.body.items.filter((r: { type: string }) => r.type === 'approval_pending');
    expect(pending.map((r: { recordId: string }) => r.recordId)).toEqual(expect.arrayContaining(instances));
    expect(pending[0].url).toMatch(/^\/approvals\?open=/);

    await act(instances[0]!, 'approve', s.manager);
    await act(instances[1]!, 'return', s.manager, '重填');
    const done = await get(`${api}/done`, s.manager);
    expect(done.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(instances.slice(0, 2)));
    const mineReminders = await get('/api/v1/reminders', s.sales);
    const decidedItems = mineReminders.body.items.filter((r: { type: string }) => r.type === 'approval_decided');
    expect(decidedItems.map((r: { recordId: string }) => r.recordId)).toEqual(
      expect.arrayContaining(instances.slice(0, 2)),
    );
    await act(instances[2]!, 'withdraw', s.sales);
  });

  it('answers 404 across tenants', async () => {
    const { body } = await submit(newDoc('15'));
    const other = await t.registerTenant();
    expect((await get(`${api}/${body.id}`, other)).status).toBe(404);
    expect((await act(body.id, 'approve', other)).status).toBe(404);
    expect((await act(body.id, 'comment', other, 'x')).status).toBe(404);
    expect((await get(`${api}/inbox`, other)).body.items).toEqual([]);
    expect((await get(`${api}/flows/expense`, other)).body).toBeNull();
    // A document id of this tenant named from another: the loader finds nothing there.
    expect((await post(`${api}/documents/expense/${body.documentId}/submit`, {}, other)).status).toBe(404);
    await act(body.id, 'withdraw', s.sales);
  });
});

describe('hand-over', () => {
  it('moves a leaving approver’s pending steps to the successor', async () => {
    const leaver = await addEmployee(t, admin, { name: '离职主管', supervisorId: boss.id });
    const worker = await addEmployee(t, admin, { name: '下属', roleIds: [roles.sales!], supervisorId: leaver.id });
    const heir = await addEmployee(t, admin, { name: '接任主管', supervisorId: boss.id });
    const workerSession = await worker.session();
    const { body } = await submit(newDoc('30', worker.id), workerSession);
    expect(body.steps[0].approvers).toEqual([{ id: leaver.id, name: '离职主管' }]);

    const preview = await get(`/api/v1/employees/${leaver.id}/handover-preview`);
    const item = preview.body.items.find((i: { type: string }) => i.type === 'approvals.pending_steps');
    expect(item).toMatchObject({ count: 1, label: { 'zh-CN': '待审批事项' } });
    expect((await post(`/api/v1/employees/${leaver.id}/disable`, { handoverToId: heir.id })).status).toBe(200);

    const heirSession = await heir.session();
    const moved = await get(`${api}/${body.id}`, heirSession);
    expect(moved.body).toMatchObject({
      awaiting: [{ id: heir.id }],
      actions: ['approve', 'reject', 'return', 'comment'],
    });
    expect(moved.body.events.at(-1)).toMatchObject({ type: 'reassigned', actor: null });
    expect((await get(`${api}/inbox`, heirSession)).body.items.map((i: { id: string }) => i.id)).toEqual([body.id]);
    expect((await act(body.id, 'approve', heirSession)).body.status).toBe('approved');
  });
});
