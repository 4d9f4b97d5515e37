import { describe, expect, it } from 'vitest';
import type { ApproverRule, FlowBranch, FlowDefinition, FlowStep } from './approvals.flow.ts';
import { type ApprovalOrg, type RoleMembers, resolveRoute, routeErrorToAppError } from './approvals.route.ts';

/*
 * 总公司 root (head: boss)
 * ├─ 销售部 sales (head: mgr)
 * │  ├─ 华东组 east (no head)
 * │  │  └─ 华东一组 eastA (no head)
 * │  └─ 华西组 west (head: westLead, disabled)
 * └─ 财务部 finance (head: cfo)
 *
 * Supervisors: boss ← mgr ← eastLead ← east1; mgr ← westLead (disabled) ← west1; boss ← cfo ← acct1, acct2;
 * orphan has none; admin reports to boss; loopA ↔ loopB point at each other (bad data).
 */
const departments = [
  { id: 'root', parentId: null, headUserId: 'boss' },
  { id: 'sales', parentId: 'root', headUserId: 'mgr' },
  { id: 'east', parentId: 'sales', headUserId: null },
  { id: 'eastA', parentId: 'east', headUserId: null },
  { id: 'west', parentId: 'sales', headUserId: 'westLead' },
  { id: 'finance', parentId: 'root', headUserId: 'cfo' },
];
const user = (id: string, departmentId: string, supervisorId: string | null = null) => ({
  id,
  departmentId,
  supervisorId,
});
const users = [
  user('boss', 'root'),
  user('admin', 'root', 'boss'),
  user('orphan', 'root'),
  user('mgr', 'sales', 'boss'),
  user('eastLead', 'east', 'mgr'),
  user('east1', 'eastA', 'eastLead'),
  user('westLead', 'west', 'mgr'),
  user('west1', 'west', 'westLead'),
  user('cfo', 'finance', 'boss'),
  user('acct1', 'finance', 'cfo'),
  user('acct2', 'finance', 'cfo'),
  user('loopA', 'sales', 'loopB'),
  user('loopB', 'sales', 'loopA'),
];
const org: ApprovalOrg = {
  users,
  departments,
  disabledUserIds: new Set(['westLead']),
  administratorIds: ['admin'],
};
const roles: RoleMembers = new Map([
  ['finance', ['acct1', 'acct2', 'acct1']],
  ['empty', []],
  ['leads', ['westLead', 'eastLead']],
  ['gone', ['ghost']],
]);

function step(approvers: ApproverRule, options: Partial<FlowStep> = {}): FlowStep {
  return {
    name: approvers.kind,
    approvers,
    mode: 'any',
    onEmpty: 'administrators',
    fallbackUserId: null,
    skipSubmitter: true,
    dedupe: true,
    ...options,
  };
}
const flowOf = (...branches: FlowBranch[]): FlowDefinition => ({
  documentType: 'contract',
  name: '合同审批',
  branches,
});
const always = (...steps: FlowStep[]): FlowDefinition => flowOf({ name: '全部', when: null, steps });
const supervisor = (level = 1) => step({ kind: 'supervisor', level });
const head = (level = 0) => step({ kind: 'department_head', level });

/** The approver ids of each routed step, or the error code. */
function route(flow: FlowDefinition, submitter: string, document = {}, on: ApprovalOrg = org) {
  const result = resolveRoute(flow, document, submitter, on, roles);
  return result.ok ? result.route.steps.map((s) => s.approverIds) : result.error.code;
}

describe('supervisor chain', () => {
  it('direct and n-th supervisor up', () => {
    expect(route(always(supervisor(1), supervisor(2), supervisor(3)), 'east1')).toEqual([
      ['eastLead'],
      ['mgr'],
      ['boss'],
    ]);
  });

  it('a submitter without a supervisor goes to the administrators by default', () => {
    const result = resolveRoute(always(supervisor()), {}, 'orphan', org, roles);
    expect(result.ok && result.route.steps).toEqual([
      { flowStepIndex: 0, name: 'supervisor', mode: 'any', approverIds: ['admin'], source: 'administrators' },
    ]);
  });

  it('or is skipped, or goes to the named stand-in, when the step says so', () => {
    const skipped = resolveRoute(
      always(step({ kind: 'supervisor', level: 1 }, { onEmpty: 'skip' })),
      {},
      'orphan',
      org,
      roles,
    );
    expect(skipped.ok && skipped.route).toMatchObject({
      steps: [],
      skipped: [{ flowStepIndex: 0, reason: 'no_approver' }],
    });
    const standIn = step({ kind: 'supervisor', level: 1 }, { onEmpty: 'user', fallbackUserId: 'cfo' });
    expect(route(always(standIn), 'orphan')).toEqual([['cfo']]);
  });

  it('a level above the top of the chain has nobody', () => {
    expect(route(always(supervisor(4)), 'east1')).toEqual([['admin']]);
  });

  it('walks a deep chain (50 levels) to the exact level', () => {
    const chain = Array.from({ length: 50 }, (_, i) => user(`c${i}`, 'root', i ? `c${i - 1}` : null));
    const deep: ApprovalOrg = { ...org, users: [...users, ...chain] };
    expect(route(always(supervisor(1), supervisor(10)), 'c49', {}, deep)).toEqual([['c48'], ['c39']]);
    expect(route(always(supervisor(10)), 'c5', {}, deep)).toEqual([['admin']]);
  });

  it('a disabled supervisor is passed over: the next one up stands in', () => {
    expect(route(always(supervisor(1)), 'west1')).toEqual([['mgr']]);
    // Level 2 is mgr as well (the disabled westLead still holds position 1), so the two steps collapse into one.
    expect(route(always(supervisor(1), supervisor(2)), 'west1')).toEqual([['mgr']]);
  });

  it('a loop in the chain (bad data) ends it instead of looping forever', () => {
    expect(route(always(supervisor(1)), 'loopA')).toEqual([['loopB']]);
    expect(route(always(supervisor(2)), 'loopA')).toEqual([['admin']]);
  });
});

describe('department heads', () => {
  it('missing heads up the tree pass the step to the first head above', () => {
    expect(route(always(head(0)), 'east1')).toEqual([['mgr']]);
    expect(route(always(head(1)), 'east1')).toEqual([['mgr']]);
    expect(route(always(head(3)), 'east1')).toEqual([['boss']]);
    expect(route(always(head(4)), 'east1')).toEqual([['admin']]);
  });

  it('a submitter who heads the department goes to the head above; the top one to the administrators', () => {
    expect(route(always(head(0)), 'mgr')).toEqual([['boss']]);
    expect(route(always(head(0)), 'boss')).toEqual([['admin']]);
    expect(route(always(step({ kind: 'department_head', level: 0 }, { skipSubmitter: false })), 'mgr')).toEqual([
      ['mgr'],
    ]);
  });

  it('a disabled head is passed over like a vacant one', () => {
    expect(route(always(head(0)), 'west1')).toEqual([['mgr']]);
  });

  it('a department loop (bad data) ends the walk', () => {
    const looped: ApprovalOrg = {
      ...org,
      departments: [
        { id: 'd1', parentId: 'd2', headUserId: null },
        { id: 'd2', parentId: 'd1', headUserId: null },
      ],
      users: [user('x', 'd1'), user('admin', 'd1')],
    };
    expect(route(always(head(0)), 'x', {}, looped)).toEqual([['admin']]);
  });
});

describe('roles and named users', () => {
  it('a role gives its distinct active members; all-of keeps them all', () => {
    const result = resolveRoute(
      always(step({ kind: 'role', roleId: 'finance' }, { mode: 'all' })),
      {},
      'mgr',
      org,
      roles,
    );
    expect(result.ok && result.route.steps[0]).toMatchObject({ mode: 'all', approverIds: ['acct1', 'acct2'] });
  });

  it('a role with no members, or only disabled or deleted ones, goes to the administrators', () => {
    expect(route(always(step({ kind: 'role', roleId: 'empty' })), 'mgr')).toEqual([['admin']]);
    expect(route(always(step({ kind: 'role', roleId: 'unknown' })), 'mgr')).toEqual([['admin']]);
    expect(route(always(step({ kind: 'role', roleId: 'gone' })), 'mgr')).toEqual([['admin']]);
    expect(route(always(step({ kind: 'role', roleId: 'leads' })), 'mgr')).toEqual([['eastLead']]);
  });

  it('the submitter is dropped from a role or a list of names', () => {
    expect(route(always(step({ kind: 'role', roleId: 'finance' })), 'acct1')).toEqual([['acct2']]);
    expect(route(always(step({ kind: 'users', userIds: ['cfo', 'boss'] })), 'cfo')).toEqual([['boss']]);
  });

  it('fails with no_approver when even the stand-in cannot approve', () => {
    const admins = (ids: string[]): ApprovalOrg => ({ ...org, administratorIds: ids });
    expect(route(always(supervisor()), 'orphan', {}, admins([]))).toBe('approvals.no_approver');
    expect(route(always(supervisor()), 'orphan', {}, admins(['orphan']))).toBe('approvals.no_approver');
    expect(route(always(supervisor()), 'orphan', {}, admins(['westLead']))).toBe('approvals.no_approver');
    const disabledStandIn = step({ kind: 'role', roleId: 'empty' }, { onEmpty: 'user', fallbackUserId: 'westLead' });
    const result = resolveRoute(always(supervisor(), disabledStandIn), {}, 'east1', org, roles);
    expect(result).toEqual({ ok: false, error: { code: 'approvals.no_approver', flowStepIndex: 1, step: 'role' } });
    if (!result.ok) expect(routeErrorToAppError(result.error)).toMatchObject({ status: 422, params: { step: 'role' } });
  });
});

describe('de-duplicating consecutive steps (自动去重)', () => {
  it('drops a step that resolves to the same single person as the one before', () => {
    // east1: supervisor 2 is mgr, and the head of 华东一组 (vacant up to 销售部) is mgr too.
    const result = resolveRoute(always(supervisor(1), supervisor(2), head(0), supervisor(3)), {}, 'east1', org, roles);
    expect(result.ok && result.route.steps.map((s) => [s.flowStepIndex, s.approverIds])).toEqual([
      [0, ['eastLead']],
      [1, ['mgr']],
      [3, ['boss']],
    ]);
    expect(result.ok && result.route.skipped).toEqual([
      { flowStepIndex: 2, name: 'department_head', reason: 'duplicate' },
    ]);
  });

  it('keeps the step when it opts out, when it is not consecutive, or when several people could approve', () => {
    const noDedupe = step({ kind: 'department_head', level: 0 }, { dedupe: false });
    expect(route(always(supervisor(2), noDedupe), 'east1')).toEqual([['mgr'], ['mgr']]);
    expect(route(always(supervisor(2), supervisor(3), head(0)), 'east1')).toEqual([['mgr'], ['boss'], ['mgr']]);
    const finance = step({ kind: 'role', roleId: 'finance' });
    expect(route(always(finance, finance), 'mgr')).toEqual([
      ['acct1', 'acct2'],
      ['acct1', 'acct2'],
    ]);
  });

  it('compares with the step before a skipped one', () => {
    const skipIfEmpty = step({ kind: 'role', roleId: 'empty' }, { onEmpty: 'skip' });
    expect(route(always(supervisor(2), skipIfEmpty, head(0)), 'east1')).toEqual([['mgr']]);
  });
});

describe('branches', () => {
  const big: FlowBranch = {
    name: '大额',
    when: { type: 'decimal', field: 'amount', op: 'gt', value: '10000' },
    steps: [supervisor(1), step({ kind: 'users', userIds: ['boss'] })],
  };
  const small: FlowBranch = { name: '其他', when: null, steps: [supervisor(1)] };

  it('the first matching branch wins, compared exactly at the boundary', () => {
    const flow = flowOf(big, small);
    expect(route(flow, 'east1', { amount: '10000.00' })).toEqual([['eastLead']]);
    expect(route(flow, 'east1', { amount: '10000' })).toEqual([['eastLead']]);
    expect(route(flow, 'east1', { amount: '10000.01' })).toEqual([['eastLead'], ['boss']]);
    const result = resolveRoute(flow, { amount: '20000' }, 'east1', org, roles);
    expect(result.ok && [result.route.branchIndex, result.route.branchName]).toEqual([0, '大额']);
  });

  it('a branch without steps needs no approval', () => {
    expect(route(flowOf({ ...small, steps: [] }), 'east1')).toEqual([]);
  });

  it('no matching branch, a mistyped field or an unknown submitter is an error, never a guess', () => {
    expect(route(flowOf(big), 'east1', { amount: '500' })).toBe('approvals.no_branch');
    expect(route(flowOf(big), 'east1', {})).toBe('approvals.no_branch');
    const mistyped = resolveRoute(flowOf(big, small), { amount: 'lots' }, 'east1', org, roles);
    expect(mistyped).toEqual({
      ok: false,
      error: { code: 'approvals.field_type', field: 'amount', expected: 'decimal' },
    });
    expect(route(flowOf(small), 'nobody')).toBe('approvals.unknown_submitter');
  });
});
