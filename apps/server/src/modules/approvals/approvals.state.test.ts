import { describe, expect, it } from 'vitest';
import {
  type ApprovalAction,
  type ApprovalState,
  type ApprovalStep,
  approvalErrorToAppError,
  assertEditable,
  availableActions,
  awaiting,
  isLocked,
  newApproval,
  reduceApproval,
} from './approvals.state.ts';

// A salesperson's contract: the manager (或签 with the deputy), then finance co-signs (会签), then the boss.
const steps: ApprovalStep[] = [
  { name: '销售经理', mode: 'any', approverIds: ['mgr', 'deputy'] },
  { name: '财务会签', mode: 'all', approverIds: ['acct1', 'acct2', 'acct3'] },
  { name: '老板', mode: 'any', approverIds: ['boss'] },
];

/** Apply actions in order; every one must be accepted. */
function run(state: ApprovalState, ...actions: ApprovalAction[]): ApprovalState {
  for (const action of actions) {
    const result = reduceApproval(state, action);
    if (!result.ok) throw new Error(`${action.type} by ${action.actorId} refused: ${result.error}`);
    state = result.state;
  }
  return state;
}
const refused = (state: ApprovalState, action: ApprovalAction) => {
  const result = reduceApproval(state, action);
  return result.ok ? 'accepted' : result.error;
};
const submit = (routed = steps): ApprovalAction => ({ type: 'submit', actorId: 'sales1', steps: routed });
const approve = (actorId: string): ApprovalAction => ({ type: 'approve', actorId });
const pending = () => run(newApproval('sales1'), submit());

describe('submitting', () => {
  it('locks the document and asks the first step', () => {
    const draft = newApproval('sales1');
    expect(isLocked(draft)).toBe(false);
    const result = reduceApproval(draft, submit());
    expect(result.ok && result.events).toEqual([
      { type: 'submitted', actorId: 'sales1', round: 1 },
      { type: 'step_started', step: 0, name: '销售经理', approverIds: ['mgr', 'deputy'] },
    ]);
    const state = pending();
    expect(isLocked(state)).toBe(true);
    expect(() => assertEditable(state)).toThrow(expect.objectContaining({ status: 409, code: 'approvals.locked' }));
    expect(awaiting(state)).toEqual(['mgr', 'deputy']);
  });

  it('only the submitter submits', () => {
    expect(refused(newApproval('sales1'), { ...submit(), actorId: 'mgr' })).toBe('approvals.not_submitter');
  });

  it('a route without steps is approved at once', () => {
    const result = reduceApproval(newApproval('sales1'), submit([]));
    expect(result.ok && result.state.status).toBe('approved');
    expect(result.ok && result.events.map((e) => e.type)).toEqual(['submitted', 'completed']);
  });

  it('cannot be submitted twice while pending', () => {
    expect(refused(pending(), submit())).toBe('approvals.wrong_status');
  });
});

describe('approving', () => {
  it('one-of steps complete with one approval, all-of steps when everyone approved, then the approval completes', () => {
    let state = run(pending(), { type: 'approve', actorId: 'deputy', comment: ' 同意 ' });
    expect(state).toMatchObject({ currentStep: 1, approvedBy: [] });
    expect(refused(state, approve('mgr'))).toBe('approvals.not_approver');

    state = run(state, approve('acct2'), approve('acct1'));
    expect(state.currentStep).toBe(1);
    expect(awaiting(state)).toEqual(['acct3']);
    const last = reduceApproval(state, approve('acct3'));
    expect(last.ok && last.events).toEqual([
      { type: 'approved', actorId: 'acct3', step: 1, comment: null },
      { type: 'step_started', step: 2, name: '老板', approverIds: ['boss'] },
    ]);

    const done = reduceApproval(run(state, approve('acct3')), { type: 'approve', actorId: 'boss', comment: '同意' });
    expect(done.ok && done.state).toMatchObject({ status: 'approved', currentStep: 3 });
    expect(done.ok && done.events).toEqual([
      { type: 'approved', actorId: 'boss', step: 2, comment: '同意' },
      { type: 'completed' },
    ]);
    expect(done.ok && isLocked(done.state)).toBe(false);
  });

  it('all-of with three approvers: one rejection after two approvals ends it', () => {
    const state = run(pending(), approve('mgr'), approve('acct1'), approve('acct3'));
    const result = reduceApproval(state, { type: 'reject', actorId: 'acct2', comment: '预算不足' });
    expect(result.ok && result.state.status).toBe('rejected');
    expect(result.ok && result.events).toEqual([{ type: 'rejected', actorId: 'acct2', step: 1, comment: '预算不足' }]);
    if (!result.ok) return;
    // A rejection is final: nobody acts on this instance any more, and the submitter cannot resubmit it.
    expect(refused(result.state, approve('boss'))).toBe('approvals.wrong_status');
    expect(refused(result.state, submit())).toBe('approvals.wrong_status');
    expect(isLocked(result.state)).toBe(false);
  });

  it('nobody decides a step twice: a co-signer who approved can neither approve again nor reject', () => {
    const state = run(pending(), approve('mgr'), approve('acct1'));
    expect(refused(state, approve('acct1'))).toBe('approvals.already_approved');
    expect(refused(state, { type: 'reject', actorId: 'acct1', comment: '改主意' })).toBe('approvals.already_approved');
  });

  it('refuses non-approvers: later steps, earlier steps, the submitter, strangers', () => {
    const state = run(pending(), approve('mgr'));
    expect(refused(state, approve('boss'))).toBe('approvals.not_approver');
    expect(refused(state, approve('deputy'))).toBe('approvals.not_approver');
    expect(refused(state, approve('sales1'))).toBe('approvals.not_approver');
    expect(refused(state, { type: 'return', actorId: 'stranger', comment: 'x' })).toBe('approvals.not_approver');
    expect(refused(newApproval('sales1'), approve('mgr'))).toBe('approvals.wrong_status');
  });

  it('a rejection or a return needs a reason', () => {
    expect(refused(pending(), { type: 'reject', actorId: 'mgr', comment: '  ' })).toBe('approvals.comment_required');
    expect(refused(pending(), { type: 'return', actorId: 'mgr', comment: '' })).toBe('approvals.comment_required');
  });
});

describe('returning and withdrawing', () => {
  it('return for changes, then resubmit: a new round from the first step with a fresh route', () => {
    let state = run(pending(), approve('mgr'), approve('acct1'));
    const returned = reduceApproval(state, { type: 'return', actorId: 'acct2', comment: '请补充付款条款' });
    expect(returned.ok && returned.events).toEqual([
      { type: 'returned', actorId: 'acct2', step: 1, comment: '请补充付款条款' },
    ]);
    if (!returned.ok) return;
    state = returned.state;
    expect(state.status).toBe('returned');
    expect(isLocked(state)).toBe(false);
    expect(awaiting(state)).toEqual([]);
    expect(refused(state, approve('acct3'))).toBe('approvals.wrong_status');
    expect(refused(state, { ...submit(), actorId: 'acct2' })).toBe('approvals.not_submitter');

    // The edited amount now routes through one step only.
    const smaller = [{ name: '销售经理', mode: 'any' as const, approverIds: ['mgr'] }];
    state = run(state, submit(smaller));
    expect(state).toMatchObject({ status: 'pending', round: 2, currentStep: 0, approvedBy: [], steps: smaller });
    expect(run(state, approve('mgr')).status).toBe('approved');
  });

  it('withdraw is allowed while pending, also after the first approval, and resubmitting starts over', () => {
    let state = run(pending(), approve('mgr'), approve('acct1'));
    expect(refused(state, { type: 'withdraw', actorId: 'mgr' })).toBe('approvals.not_submitter');
    const withdrawn = reduceApproval(state, { type: 'withdraw', actorId: 'sales1' });
    expect(withdrawn.ok && withdrawn.events).toEqual([
      { type: 'withdrawn', actorId: 'sales1', step: 1, comment: null },
    ]);
    if (!withdrawn.ok) return;
    state = withdrawn.state;
    expect(isLocked(state)).toBe(false);
    expect(refused(state, { type: 'withdraw', actorId: 'sales1' })).toBe('approvals.wrong_status');

    state = run(state, submit());
    expect(state).toMatchObject({ round: 2, currentStep: 0, approvedBy: [] });
    expect(awaiting(state)).toEqual(['mgr', 'deputy']);
  });

  it('cannot withdraw once decided', () => {
    const approved = run(
      newApproval('sales1'),
      submit([{ name: '经理', mode: 'any', approverIds: ['mgr'] }]),
      approve('mgr'),
    );
    expect(refused(approved, { type: 'withdraw', actorId: 'sales1' })).toBe('approvals.wrong_status');
  });
});

describe('comments and who may do what', () => {
  it('the submitter and anyone on the route comment, before and after the decision; others may not', () => {
    const state = pending();
    const result = reduceApproval(state, { type: 'comment', actorId: 'boss', comment: '下周一前给答复' });
    expect(result.ok && result.events).toEqual([{ type: 'commented', actorId: 'boss', comment: '下周一前给答复' }]);
    expect(result.ok && result.state).toBe(state);
    expect(refused(state, { type: 'comment', actorId: 'stranger', comment: '?' })).toBe('approvals.not_participant');
    expect(refused(state, { type: 'comment', actorId: 'sales1', comment: ' ' })).toBe('approvals.comment_required');
    expect(refused(newApproval('sales1'), { type: 'comment', actorId: 'sales1', comment: 'x' })).toBe(
      'approvals.wrong_status',
    );
  });

  it('availableActions lists the buttons each person gets', () => {
    const state = run(pending(), approve('mgr'), approve('acct1'));
    expect(availableActions(state, 'sales1')).toEqual(['withdraw', 'comment']);
    expect(availableActions(state, 'acct2')).toEqual(['approve', 'reject', 'return', 'comment']);
    expect(availableActions(state, 'acct1')).toEqual(['comment']);
    expect(availableActions(state, 'stranger')).toEqual([]);
    expect(availableActions(newApproval('sales1'), 'sales1')).toEqual(['submit']);
  });

  it('maps refusals to HTTP errors', () => {
    expect(approvalErrorToAppError('approvals.not_approver')).toMatchObject({ status: 403 });
    expect(approvalErrorToAppError('approvals.already_approved')).toMatchObject({ status: 409 });
    expect(approvalErrorToAppError('approvals.wrong_status')).toMatchObject({ status: 409 });
    expect(approvalErrorToAppError('approvals.comment_required')).toMatchObject({
      status: 400,
      fields: { comment: { key: 'approvals.comment_required' } },
    });
  });
});

describe('reassigning on hand-over (离职交接)', () => {
  const reassign = (fromUserId: string, toUserId: string): ApprovalAction => ({
    type: 'reassign',
    actorId: 'admin',
    fromUserId,
    toUserId,
  });

  it('moves the leaver’s place on the current and later steps to the successor', () => {
    const result = reduceApproval(pending(), reassign('mgr', 'heir'));
    if (!result.ok) throw new Error(result.error);
    expect(result.state.steps[0]!.approverIds).toEqual(['heir', 'deputy']);
    expect(result.events).toEqual([
      { type: 'reassigned', actorId: 'admin', fromUserId: 'mgr', toUserId: 'heir', steps: [0] },
    ]);
    expect(awaiting(result.state)).toEqual(['heir', 'deputy']);
    expect(availableActions(result.state, 'heir')).toContain('approve');
    expect(refused(result.state, approve('mgr'))).toBe('approvals.not_approver');
  });

  it('keeps a co-signature already given, and does not list the successor twice', () => {
    const atFinance = run(pending(), approve('mgr'), approve('acct1'));
    const kept = reduceApproval(atFinance, reassign('acct1', 'heir'));
    if (!kept.ok) throw new Error(kept.error);
    expect(kept.events).toEqual([]);
    const merged = run(atFinance, reassign('acct2', 'acct3'));
    expect(merged.steps[1]!.approverIds).toEqual(['acct1', 'acct3']);
    expect(run(merged, approve('acct3')).currentStep).toBe(2);
  });

  it('completes a co-signed step when the successor had already approved it', () => {
    const atFinance = run(pending(), approve('mgr'), approve('acct1'), approve('acct2'));
    const result = reduceApproval(atFinance, reassign('acct3', 'acct1'));
    if (!result.ok) throw new Error(result.error);
    expect(result.state.currentStep).toBe(2);
    expect(result.events.map((e) => e.type)).toEqual(['reassigned', 'step_started']);
  });

  it('changes later steps too and refuses outside pending', () => {
    const state = run(pending(), reassign('boss', 'heir'));
    expect(state.steps[2]!.approverIds).toEqual(['heir']);
    expect(refused(newApproval('sales1'), reassign('mgr', 'heir'))).toBe('approvals.wrong_status');
    expect(availableActions(pending(), 'admin')).not.toContain('reassign');
  });
});
