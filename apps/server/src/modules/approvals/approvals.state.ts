// One approval instance (审批单) as a pure reducer: state + action → new state and the events for its history.
// Persistence, notifications and permissions to see the document live in the layers above.
import { AppError, invalidField } from '../../platform/errors/errors.ts';
import type { RoutedStep } from './approvals.route.ts';

export const approvalStatuses = ['draft', 'pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export type ApprovalStatus = (typeof approvalStatuses)[number];

/** What the machine needs of a routed step; RoutedStep fits. */
export type ApprovalStep = Pick<RoutedStep, 'name' | 'mode' | 'approverIds'>;

/** Plain data (no Sets), so it can be stored as it is. */
export interface ApprovalState {
  status: ApprovalStatus;
  submitterId: string;
  /** Submissions so far. A resubmission (after 退回修改 or 撤回) is a new round that starts at the first step. */
  round: number;
  /** The steps of the current round, routed at submission. */
  steps: readonly ApprovalStep[];
  /** While pending: the step awaiting decisions; once approved: steps.length. */
  currentStep: number;
  /** Who has approved the current step in this round (matters for 会签). */
  approvedBy: readonly string[];
}

export type ApprovalAction =
  /** steps: a fresh resolveRoute result, since the document (and so the branch) may have changed. */
  | { type: 'submit'; actorId: string; steps: readonly ApprovalStep[] }
  | { type: 'approve'; actorId: string; comment?: string }
  | { type: 'reject'; actorId: string; comment: string }
  | { type: 'return'; actorId: string; comment: string }
  | { type: 'withdraw'; actorId: string; comment?: string }
  | { type: 'comment'; actorId: string; comment: string }
  /**
   * Hand-over (离职交接): fromUserId's place on the steps still ahead goes to toUserId. actorId is whoever
   * disables the employee; the platform checks that grant, so the machine only checks the state.
   */
  | { type: 'reassign'; actorId: string; fromUserId: string; toUserId: string };
export type ApprovalActionType = ApprovalAction['type'];

export type ApprovalEvent =
  | { type: 'submitted'; actorId: string; round: number }
  /** A step now waits on these people: what the inbox and the reminders bell announce. */
  | { type: 'step_started'; step: number; name: string; approverIds: string[] }
  | { type: 'approved'; actorId: string; step: number; comment: string | null }
  /** The last step passed (or there was none): the document is approved. */
  | { type: 'completed' }
  | { type: 'rejected'; actorId: string; step: number; comment: string }
  | { type: 'returned'; actorId: string; step: number; comment: string }
  | { type: 'withdrawn'; actorId: string; step: number; comment: string | null }
  | { type: 'commented'; actorId: string; comment: string }
  | { type: 'reassigned'; actorId: string; fromUserId: string; toUserId: string; steps: number[] };

export type ApprovalErrorCode =
  | 'approvals.wrong_status'
  | 'approvals.not_submitter'
  | 'approvals.not_approver'
  | 'approvals.already_approved'
  | 'approvals.not_participant'
  | 'approvals.comment_required';

export type ApprovalResult =
  | { ok: true; state: ApprovalState; events: ApprovalEvent[] }
  | { ok: false; error: ApprovalErrorCode };

/** Before the first submission: the document is editable and nobody has been asked yet. */
export function newApproval(submitterId: string): ApprovalState {
  return { status: 'draft', submitterId, round: 0, steps: [], currentStep: 0, approvedBy: [] };
}

/** Statuses from which the submitter may (re)submit. Rejected is final: a rejected document starts a new instance. */
const SUBMITTABLE: readonly ApprovalStatus[] = ['draft', 'returned', 'withdrawn'];

/** Why the actor may not do this now, or null when they may. The one place "who may act" is decided. */
export function refusal(state: ApprovalState, actorId: string, type: ApprovalActionType): ApprovalErrorCode | null {
  switch (type) {
    case 'submit':
      if (!SUBMITTABLE.includes(state.status)) return 'approvals.wrong_status';
      return actorId === state.submitterId ? null : 'approvals.not_submitter';
    case 'withdraw':
      // Allowed at any point while pending, also after some approvals: resubmitting starts over at step one
      // with a fresh route, so no approval given to the old version carries over to an edited document.
      if (state.status !== 'pending') return 'approvals.wrong_status';
      return actorId === state.submitterId ? null : 'approvals.not_submitter';
    case 'approve':
    case 'reject':
    case 'return': {
      if (state.status !== 'pending') return 'approvals.wrong_status';
      if (!state.steps[state.currentStep]?.approverIds.includes(actorId)) return 'approvals.not_approver';
      // One decision per person per step: a co-signer who approved cannot approve again or reject afterwards.
      return state.approvedBy.includes(actorId) ? 'approvals.already_approved' : null;
    }
    case 'comment':
      if (state.status === 'draft') return 'approvals.wrong_status';
      return isParticipant(state, actorId) ? null : 'approvals.not_participant';
    case 'reassign':
      return state.status === 'pending' ? null : 'approvals.wrong_status';
  }
}

/** The actions the user may take now: which buttons the document page shows. */
export function availableActions(state: ApprovalState, userId: string): ApprovalActionType[] {
  const all: ApprovalActionType[] = ['submit', 'approve', 'reject', 'return', 'withdraw', 'comment'];
  return all.filter((type) => refusal(state, userId, type) === null);
}

/** The document may not be edited while its approval is pending (审批中锁定). */
export const isLocked = (state: ApprovalState) => state.status === 'pending';

/** Who still has to act on the current step: the to-approve inbox (待我审批). */
export function awaiting(state: ApprovalState): string[] {
  if (state.status !== 'pending') return [];
  const step = state.steps[state.currentStep];
  return step ? step.approverIds.filter((id) => !state.approvedBy.includes(id)) : [];
}

export function reduceApproval(state: ApprovalState, action: ApprovalAction): ApprovalResult {
  const refused = refusal(state, action.actorId, action.type);
  if (refused) return { ok: false, error: refused };
  const comment = ('comment' in action && action.comment?.trim()) || null;
  switch (action.type) {
    case 'submit':
      return submit(state, action.steps);
    case 'approve':
      return approve(state, action.actorId, comment);
    case 'reject':
    case 'return': {
      // The submitter has to learn why: a decision against the document always carries a reason.
      if (!comment) return { ok: false, error: 'approvals.comment_required' };
      const outcome = action.type === 'reject' ? 'rejected' : 'returned';
      return ok({ ...state, status: outcome }, [
        { type: outcome, actorId: action.actorId, step: state.currentStep, comment },
      ]);
    }
    case 'withdraw':
      return ok({ ...state, status: 'withdrawn' }, [
        { type: 'withdrawn', actorId: action.actorId, step: state.currentStep, comment },
      ]);
    case 'comment':
      if (!comment) return { ok: false, error: 'approvals.comment_required' };
      return ok(state, [{ type: 'commented', actorId: action.actorId, comment }]);
    case 'reassign':
      return reassign(state, action);
  }
}

/**
 * The leaver's place on the current step (unless they already approved it: their decision stands) and on every
 * later step goes to the successor. A successor already on a step is not added twice; when that completes a
 * co-signed step they already approved, the approval moves on.
 */
function reassign(state: ApprovalState, action: Extract<ApprovalAction, { type: 'reassign' }>): ApprovalResult {
  const { fromUserId: from, toUserId: to } = action;
  const changed: number[] = [];
  const steps = state.steps.map((step, i) => {
    if (i < state.currentStep || !step.approverIds.includes(from)) return step;
    if (i === state.currentStep && state.approvedBy.includes(from)) return step;
    changed.push(i);
    return { ...step, approverIds: [...new Set(step.approverIds.map((id) => (id === from ? to : id)))] };
  });
  if (!changed.length) return ok(state, []);
  const moved: ApprovalState = { ...state, steps };
  const event: ApprovalEvent = {
    type: 'reassigned',
    actorId: action.actorId,
    fromUserId: from,
    toUserId: to,
    steps: changed,
  };
  const step = steps[state.currentStep]!;
  const stepDone =
    step.approverIds.some((id) => state.approvedBy.includes(id)) &&
    (step.mode === 'any' || step.approverIds.every((id) => state.approvedBy.includes(id)));
  if (!stepDone) return ok(moved, [event]);
  const next: ApprovalState = { ...moved, currentStep: state.currentStep + 1, approvedBy: [] };
  return ok(next, [event, ...enterStep(next)]);
}

function submit(state: ApprovalState, routed: readonly ApprovalStep[]): ApprovalResult {
  // resolveRoute never yields an empty step; one here is a bug, and must not leave a document pending on nobody.
  if (routed.some((s) => s.approverIds.length === 0)) throw new Error('approval step without approvers');
  const steps = routed.map((s) => ({ name: s.name, mode: s.mode, approverIds: [...new Set(s.approverIds)] }));
  const round = state.round + 1;
  const pending: ApprovalState = { ...state, status: 'pending', round, steps, currentStep: 0, approvedBy: [] };
  return ok(pending, [{ type: 'submitted', actorId: state.submitterId, round }, ...enterStep(pending)]);
}

function approve(state: ApprovalState, actorId: string, comment: string | null): ApprovalResult {
  const step = state.steps[state.currentStep]!;
  const approvedBy = [...state.approvedBy, actorId];
  const approvedEvent: ApprovalEvent = { type: 'approved', actorId, step: state.currentStep, comment };
  const stepDone = step.mode === 'any' || step.approverIds.every((id) => approvedBy.includes(id));
  if (!stepDone) return ok({ ...state, approvedBy }, [approvedEvent]);
  const next: ApprovalState = { ...state, currentStep: state.currentStep + 1, approvedBy: [] };
  return ok(next, [approvedEvent, ...enterStep(next)]);
}

/** Events for arriving at state.currentStep: the next step starts, or past the last one the approval completes. */
function enterStep(state: ApprovalState): ApprovalEvent[] {
  const step = state.steps[state.currentStep];
  if (!step) return [{ type: 'completed' }];
  return [{ type: 'step_started', step: state.currentStep, name: step.name, approverIds: [...step.approverIds] }];
}

function ok(state: ApprovalState, events: ApprovalEvent[]): ApprovalResult {
  // Past the last step the document is approved; with no steps at all (a branch that needs no approval), at once.
  if (state.status === 'pending' && state.currentStep >= state.steps.length) state = { ...state, status: 'approved' };
  return { ok: true, state, events };
}

/** The submitter and everyone on the current round's route may comment, before and after the decision. */
function isParticipant(state: ApprovalState, actorId: string): boolean {
  return actorId === state.submitterId || state.steps.some((s) => s.approverIds.includes(actorId));
}

/** Who may not act gets 403; acting on a decided approval or twice is a conflict with its current state. */
export function approvalErrorToAppError(error: ApprovalErrorCode): AppError {
  switch (error) {
    case 'approvals.not_submitter':
    case 'approvals.not_approver':
    case 'approvals.not_participant':
      return new AppError(403, error);
    case 'approvals.comment_required':
      return invalidField('comment', error);
    default:
      return new AppError(409, error);
  }
}

/** For document modules: refuse an edit while the document's approval is pending. */
export function assertEditable(state: ApprovalState | null): void {
  if (state && isLocked(state)) throw new AppError(409, 'approvals.locked');
}
