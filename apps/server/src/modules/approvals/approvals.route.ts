// Routing (审批路由): which branch of a flow applies to a document, and who concretely approves each step.
// Pure over an org snapshot, so the tricky trees are unit-tested; the caller resolves once, at submission.
import type { OrgSnapshot } from '../../platform/access/scope.ts';
import { AppError } from '../../platform/errors/errors.ts';
import { type ApprovalDocument, FieldTypeMismatch, matches } from './approvals.conditions.ts';
import type { ApproverRule, FieldCondition, FlowDefinition, FlowStep } from './approvals.flow.ts';

/** The org as routing needs it: the cached snapshot plus who may not or who must stand in. */
export interface ApprovalOrg extends OrgSnapshot {
  /** Disabled employees (离职). They stay in the snapshot because reports and departments may still point at them. */
  disabledUserIds: ReadonlySet<string>;
  /** Holders of the built-in administrator role: who decides a step nobody else resolves to (by default). */
  administratorIds: readonly string[];
}

/** Role id → the users holding it, loaded by the caller for the roles the flow names. */
export type RoleMembers = ReadonlyMap<string, readonly string[]>;

export interface RoutedStep {
  /** Position of the step in its branch, so the UI can show which configured step this is. */
  flowStepIndex: number;
  name: string;
  mode: 'any' | 'all';
  /** Distinct, active, never empty. */
  approverIds: string[];
  /** rule: the step's own approvers; fallback_user / administrators: its onEmpty stand-in. */
  source: 'rule' | 'fallback_user' | 'administrators';
}

export interface SkippedStep {
  flowStepIndex: number;
  name: string;
  /** no_approver: nobody resolved and the step says skip; duplicate: same single person as the step before. */
  reason: 'no_approver' | 'duplicate';
}

export interface ResolvedRoute {
  branchIndex: number;
  branchName: string;
  /** Empty when the branch has no steps or all were skipped: the document needs no approval. */
  steps: RoutedStep[];
  skipped: SkippedStep[];
}

export type RouteError =
  | { code: 'approvals.no_branch' }
  | { code: 'approvals.no_approver'; flowStepIndex: number; step: string }
  | { code: 'approvals.unknown_submitter' }
  | { code: 'approvals.field_type'; field: string; expected: FieldCondition['type'] };

export type RouteResult = { ok: true; route: ResolvedRoute } | { ok: false; error: RouteError };

/** A route error is the submitter's to read (422): the flow or the org needs an administrator's attention. */
export function routeErrorToAppError(error: RouteError): AppError {
  const { code, ...params } = error;
  return new AppError(422, code, params);
}

export function resolveRoute(
  flow: FlowDefinition,
  document: ApprovalDocument,
  submitterId: string,
  org: ApprovalOrg,
  roleMembers: RoleMembers,
): RouteResult {
  const people = new OrgIndex(org);
  const submitter = people.user(submitterId);
  if (!submitter) return { ok: false, error: { code: 'approvals.unknown_submitter' } };

  let branchIndex: number;
  try {
    branchIndex = flow.branches.findIndex((b) => b.when === null || matches(b.when, document));
  } catch (e) {
    if (!(e instanceof FieldTypeMismatch)) throw e;
    return { ok: false, error: { code: 'approvals.field_type', field: e.field, expected: e.expected } };
  }
  const branch = flow.branches[branchIndex];
  if (!branch) return { ok: false, error: { code: 'approvals.no_branch' } };

  const steps: RoutedStep[] = [];
  const skipped: SkippedStep[] = [];
  for (const [flowStepIndex, step] of branch.steps.entries()) {
    const eligible = (id: string) => people.isActive(id) && !(step.skipSubmitter && id === submitterId);
    const found = resolveStep(step, submitter, people, roleMembers, eligible);
    if (!found) {
      skipped.push({ flowStepIndex, name: step.name, reason: 'no_approver' });
      continue;
    }
    if (found.approverIds.length === 0) {
      return { ok: false, error: { code: 'approvals.no_approver', flowStepIndex, step: step.name } };
    }
    const previous = steps.at(-1);
    if (step.dedupe && previous && isSameSinglePerson(previous.approverIds, found.approverIds)) {
      skipped.push({ flowStepIndex, name: step.name, reason: 'duplicate' });
      continue;
    }
    steps.push({ flowStepIndex, name: step.name, ...found });
  }
  return { ok: true, route: { branchIndex, branchName: branch.name, steps, skipped } };
}

/** The step's approvers, its stand-in when nobody resolves, null to skip it; an empty list means "stuck". */
function resolveStep(
  step: FlowStep,
  submitter: User,
  people: OrgIndex,
  roleMembers: RoleMembers,
  eligible: (id: string) => boolean,
): Pick<RoutedStep, 'mode' | 'approverIds' | 'source'> | null {
  const byRule = approversByRule(step.approvers, submitter, people, roleMembers, eligible);
  if (byRule.length) return { mode: step.mode, approverIds: byRule, source: 'rule' };
  switch (step.onEmpty) {
    case 'skip':
      return null;
    case 'user': {
      const id = step.fallbackUserId;
      return { mode: 'any', approverIds: id && eligible(id) ? [id] : [], source: 'fallback_user' };
    }
    case 'administrators':
      // Any one administrator decides: asking all of them to co-sign a gap in the org chart would stall it.
      return { mode: 'any', approverIds: distinct(people.administratorIds.filter(eligible)), source: 'administrators' };
  }
}

function approversByRule(
  rule: ApproverRule,
  submitter: User,
  people: OrgIndex,
  roleMembers: RoleMembers,
  eligible: (id: string) => boolean,
): string[] {
  switch (rule.kind) {
    case 'supervisor':
      return single(supervisorFor(submitter, rule.level, people, eligible));
    case 'department_head':
      return single(departmentHeadFor(submitter, rule.level, people, eligible));
    case 'role':
      return distinct((roleMembers.get(rule.roleId) ?? []).filter(eligible));
    case 'users':
      return distinct(rule.userIds.filter(eligible));
  }
}

/**
 * The n-th supervisor up is a position in the chain, counted over everyone (disabled people still hold their
 * place). When that position cannot approve (disabled, or the submitter via bad data), the next one above stands
 * in, as 上级代审批 in common OA. A loop in the chain ends it: nobody.
 */
function supervisorFor(submitter: User, level: number, people: OrgIndex, eligible: (id: string) => boolean) {
  const seen = new Set([submitter.id]);
  let at: string | null = submitter.id;
  for (let i = 0; i < level && at; i++) at = next(people.user(at)?.supervisorId ?? null, seen);
  while (at && !eligible(at)) at = next(people.user(at)?.supervisorId ?? null, seen);
  return at;
}

/**
 * The head of the submitter's department (level 0) or of the department `level` steps up. A vacant, disabled or
 * self head (the submitter heads it) passes the step to the head of the department above, and so on to the top.
 */
function departmentHeadFor(submitter: User, level: number, people: OrgIndex, eligible: (id: string) => boolean) {
  const seen = new Set([submitter.departmentId]);
  let at: string | null = submitter.departmentId;
  for (let i = 0; i < level && at; i++) at = next(people.department(at)?.parentId ?? null, seen);
  while (at) {
    const head = people.department(at)?.headUserId;
    if (head && eligible(head)) return head;
    at = next(people.department(at)?.parentId ?? null, seen);
  }
  return null;
}

/** One step up a chain, or null at the top or when the chain loops back on itself (bad data). */
function next(id: string | null, seen: Set<string>): string | null {
  if (!id || seen.has(id)) return null;
  seen.add(id);
  return id;
}

const single = (id: string | null) => (id ? [id] : []);
const distinct = (ids: readonly string[]) => [...new Set(ids)];
const isSameSinglePerson = (a: readonly string[], b: readonly string[]) =>
  a.length === 1 && b.length === 1 && a[0] === b[0];

type User = ApprovalOrg['users'][number];
type Department = ApprovalOrg['departments'][number];

/** Lookups by id over the snapshot, built once per routing. */
class OrgIndex {
  private readonly users: Map<string, User>;
  private readonly departments: Map<string, Department>;
  constructor(private readonly org: ApprovalOrg) {
    this.users = new Map(org.users.map((u) => [u.id, u]));
    this.departments = new Map(org.departments.map((d) => [d.id, d]));
  }
  user = (id: string) => this.users.get(id);
  department = (id: string) => this.departments.get(id);
  /** Someone deleted or unknown to the tenant is as unable to approve as a disabled employee. */
  isActive = (id: string) => this.users.has(id) && !this.org.disabledUserIds.has(id);
  get administratorIds() {
    return this.org.administratorIds;
  }
}
