// Approval flow definitions (审批流程): what an administrator configures per document type. Pure zod, no tables.
import Decimal from 'decimal.js';
import { z } from 'zod';
import { name } from '../../platform/http/schemas.ts';

export const documentTypes = ['quote_discount', 'contract', 'collection', 'expense', 'purchase', 'outbound'] as const;
export type DocumentType = (typeof documentTypes)[number];

/** Enough for any real org chart; bounds the walks and keeps a typo (level 99) from meaning "the top". */
export const MAX_LEVEL = 10;
/** Groups nest in groups; three levels cover "A and (B or (C and D))" and keep the form editable. */
export const MAX_CONDITION_DEPTH = 3;

// A document field: `amount`, `discountRate`, or a dotted path such as `custom.region` (custom fields).
const FIELD_PATH = /^[a-zA-Z][a-zA-Z0-9_]{0,39}(\.[a-zA-Z][a-zA-Z0-9_]{0,39}){0,2}$/;
// Amounts are numeric(17,2) and rates numeric(…,6) elsewhere: 15 integer and 6 fraction digits fit both.
const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

const field = () => z.string().regex(FIELD_PATH, { message: 'approvals.field_format' });
/** Decimal values stay strings: compared with decimal.js, so 10000.00 equals 10000 and 0.1 + 0.2 is exact. */
export const decimalString = () => z.string().trim().regex(DECIMAL, { message: 'approvals.invalid_decimal' });
const text = () => z.string().max(200);
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(100);

const decimalCondition = z.discriminatedUnion('op', [
  z.strictObject({
    type: z.literal('decimal'),
    field: field(),
    op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']),
    value: decimalString(),
  }),
  z.strictObject({ type: z.literal('decimal'), field: field(), op: z.literal('in'), values: list(decimalString()) }),
  // Inclusive at both ends (介于 a 与 b 之间, a ≤ x ≤ b): for a half-open range combine gte and lt in an `all` group.
  z
    .strictObject({
      type: z.literal('decimal'),
      field: field(),
      op: z.literal('between'),
      min: decimalString(),
      max: decimalString(),
    })
    .refine((c) => new Decimal(c.min).lte(c.max), { message: 'approvals.between_order', path: ['max'] }),
]);

const stringCondition = z.discriminatedUnion('op', [
  z.strictObject({ type: z.literal('string'), field: field(), op: z.enum(['eq', 'ne']), value: text() }),
  z.strictObject({ type: z.literal('string'), field: field(), op: z.literal('in'), values: list(text()) }),
]);

const booleanCondition = z.strictObject({
  type: z.literal('boolean'),
  field: field(),
  op: z.enum(['eq', 'ne']),
  value: z.boolean(),
});

export type DecimalCondition = z.output<typeof decimalCondition>;
export type StringCondition = z.output<typeof stringCondition>;
export type BooleanCondition = z.output<typeof booleanCondition>;
export type FieldCondition = DecimalCondition | StringCondition | BooleanCondition;
/** `all`: every condition holds (且); `any`: at least one holds (或). */
export type ConditionGroup = { type: 'all' | 'any'; conditions: Condition[] };
export type Condition = FieldCondition | ConditionGroup;

const conditionGroup = z.strictObject({
  type: z.enum(['all', 'any']),
  get conditions(): z.ZodArray<z.ZodType<Condition>> {
    return z.array(condition).min(1).max(20);
  },
});

export const condition: z.ZodType<Condition> = z.discriminatedUnion('type', [
  decimalCondition,
  stringCondition,
  booleanCondition,
  conditionGroup,
]);

/** Who approves a step. Chain rules (supervisor, department head) give one person; role and users give a set. */
export const approverRule = z.discriminatedUnion('kind', [
  // level 1: the direct supervisor (直接上级); n: the n-th supervisor up the chain.
  z.strictObject({ kind: z.literal('supervisor'), level: z.number().int().min(1).max(MAX_LEVEL).default(1) }),
  // level 0: the head of the submitter's department (部门负责人); n: the head of the department n levels up.
  z.strictObject({ kind: z.literal('department_head'), level: z.number().int().min(0).max(MAX_LEVEL).default(0) }),
  // Everyone holding the role (e.g. 财务), resolved through the role → users map the caller loads.
  z.strictObject({ kind: z.literal('role'), roleId: z.uuid() }),
  z.strictObject({
    kind: z.literal('users'),
    userIds: z
      .array(z.uuid())
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'approvals.duplicate_user' }),
  }),
]);
export type ApproverRule = z.output<typeof approverRule>;

export const flowStep = z
  .strictObject({
    name: name(50),
    approvers: approverRule,
    /** any: one approval completes the step (或签); all: every approver must approve (会签). */
    mode: z.enum(['any', 'all']).default('any'),
    /**
     * Nobody resolves (no supervisor, vacant head, empty role): by default the administrators decide, because
     * skipping would let a gap in the org data wave a document through. `skip` is an explicit choice, `user`
     * names the stand-in (fallbackUserId).
     */
    onEmpty: z.enum(['administrators', 'user', 'skip']).default('administrators'),
    fallbackUserId: z.uuid().nullable().default(null),
    /** The submitter never approves their own document: chain rules move one up, sets drop them. */
    skipSubmitter: z.boolean().default(true),
    /** Drop this step when it and the step before both resolve to the same single person (自动去重). */
    dedupe: z.boolean().default(true),
  })
  .refine((s) => s.onEmpty !== 'user' || s.fallbackUserId !== null, {
    message: 'approvals.fallback_required',
    path: ['fallbackUserId'],
  });
export type FlowStep = z.output<typeof flowStep>;

export const flowBranch = z.strictObject({
  name: name(50),
  /** null: the default branch (其他情况), which matches every document; it must come last. */
  when: condition.nullable().default(null),
  /** Empty: documents on this branch need no approval (e.g. amounts under 1,000). */
  steps: z.array(flowStep).max(10),
});
export type FlowBranch = z.output<typeof flowBranch>;

/** Branches are tried in order and the first whose condition holds gives the steps. */
export const flowDefinition = z
  .strictObject({
    documentType: z.enum(documentTypes),
    name: name(100),
    branches: z.array(flowBranch).min(1).max(20),
  })
  .superRefine((flow, ctx) => {
    flow.branches.forEach((branch, i) => {
      // A default branch before others would make them unreachable: refuse rather than surprise later.
      if (branch.when === null && i < flow.branches.length - 1) {
        ctx.addIssue({ code: 'custom', path: ['branches', i, 'when'], message: 'approvals.default_branch_not_last' });
      }
      if (branch.when && conditionDepth(branch.when) > MAX_CONDITION_DEPTH) {
        // The limit is spelled out in the message itself: custom issues reach the translator without params.
        ctx.addIssue({ code: 'custom', path: ['branches', i, 'when'], message: 'approvals.condition_too_deep' });
      }
    });
  });
export type FlowDefinition = z.output<typeof flowDefinition>;

/** How deeply groups nest: a field condition is 0, a group of field conditions 1, a group in a group 2. */
export function conditionDepth(c: Condition): number {
  if (c.type !== 'all' && c.type !== 'any') return 0;
  return 1 + Math.max(...c.conditions.map(conditionDepth));
}
