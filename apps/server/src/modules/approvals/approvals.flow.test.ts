import { describe, expect, it } from 'vitest';
import { translate } from '../../platform/i18n/i18n.ts';
import { conditionDepth, flowDefinition, MAX_CONDITION_DEPTH } from './approvals.flow.ts';
import './index.ts';

const ROLE = '0190a000-0000-7000-8000-000000000001';
const USER = '0190a000-0000-7000-8000-000000000002';

const bigDiscount = { type: 'decimal', field: 'discountRate', op: 'gt', value: '0.2' };
const validFlow = {
  documentType: 'quote_discount',
  name: '报价折扣审批',
  branches: [
    { name: '大折扣', when: bigDiscount, steps: [{ name: '直接上级', approvers: { kind: 'supervisor' } }] },
    { name: '其他', steps: [] },
  ],
};

/** field path → message key, as the error handler would show them. */
function fieldErrors(input: unknown): Record<string, string> {
  const result = flowDefinition.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('flow definition schema', () => {
  it('fills the documented defaults: one-of, administrators when empty, skip the submitter, de-duplicate', () => {
    const flow = flowDefinition.parse(validFlow);
    expect(flow.branches[0]!.steps[0]).toEqual({
      name: '直接上级',
      approvers: { kind: 'supervisor', level: 1 },
      mode: 'any',
      onEmpty: 'administrators',
      fallbackUserId: null,
      skipSubmitter: true,
      dedupe: true,
    });
    expect(flow.branches[1]!.when).toBeNull();
  });

  it('accepts every approver rule and nested groups', () => {
    const steps = [
      { name: '二级上级', approvers: { kind: 'supervisor', level: 2 } },
      { name: '上级部门负责人', approvers: { kind: 'department_head', level: 1 } },
      { name: '财务会签', approvers: { kind: 'role', roleId: ROLE }, mode: 'all' },
      { name: '老板', approvers: { kind: 'users', userIds: [USER] }, onEmpty: 'user', fallbackUserId: USER },
    ];
    const when = {
      type: 'all',
      conditions: [
        { type: 'decimal', field: 'amount', op: 'between', min: '10000', max: '50000.00' },
        {
          type: 'any',
          conditions: [
            { type: 'string', field: 'custom.region', op: 'in', values: ['华东', '华南'] },
            { type: 'boolean', field: 'isNewCustomer', op: 'eq', value: true },
          ],
        },
      ],
    };
    const flow = { ...validFlow, documentType: 'contract', branches: [{ name: '中额', when, steps }] };
    expect(fieldErrors(flow)).toEqual({});
  });

  it('names the offending field with an approvals.* message key', () => {
    const step = { name: 'x', approvers: { kind: 'users', userIds: [USER, USER] }, onEmpty: 'user' };
    const when = {
      type: 'all',
      conditions: [{ type: 'decimal', field: '1amount', op: 'between', min: '5', max: '1' }],
    };
    const errors = fieldErrors({ ...validFlow, branches: [{ name: 'b', when, steps: [step] }] });
    expect(errors).toEqual({
      'branches.0.when.conditions.0.field': 'approvals.field_format',
      'branches.0.when.conditions.0.max': 'approvals.between_order',
      'branches.0.steps.0.approvers.userIds': 'approvals.duplicate_user',
      'branches.0.steps.0.fallbackUserId': 'approvals.fallback_required',
    });
  });

  it('refuses amounts that are not exact decimal strings', () => {
    for (const value of ['1e5', '10,000', '0.1234567', 'abc', '']) {
      const when = { type: 'decimal', field: 'amount', op: 'gte', value };
      expect(fieldErrors({ ...validFlow, branches: [{ name: 'b', when, steps: [] }] })).toEqual({
        'branches.0.when.value': 'approvals.invalid_decimal',
      });
    }
    // A JSON number could already have lost precision: amounts must come as strings.
    const numeric = { name: 'b', when: { ...bigDiscount, value: 10000 }, steps: [] };
    expect(Object.keys(fieldErrors({ ...validFlow, branches: [numeric] }))).toEqual(['branches.0.when.value']);
  });

  it('allows the default branch only last, where it cannot hide others', () => {
    const errors = fieldErrors({ ...validFlow, branches: [validFlow.branches[1], validFlow.branches[0]] });
    expect(errors).toEqual({ 'branches.0.when': 'approvals.default_branch_not_last' });
  });

  it('limits how deeply condition groups nest', () => {
    let when: unknown = bigDiscount;
    for (let i = 0; i < MAX_CONDITION_DEPTH; i++) when = { type: 'any', conditions: [when] };
    expect(fieldErrors({ ...validFlow, branches: [{ name: 'b', when, steps: [] }] })).toEqual({});
    when = { type: 'all', conditions: [when] };
    expect(conditionDepth(when as never)).toBe(MAX_CONDITION_DEPTH + 1);
    expect(fieldErrors({ ...validFlow, branches: [{ name: 'b', when, steps: [] }] })).toEqual({
      'branches.0.when': 'approvals.condition_too_deep',
    });
  });

  it('refuses unknown operators, rule kinds, levels out of range and unknown keys', () => {
    const bad = (when: unknown, approvers: unknown) =>
      fieldErrors({ ...validFlow, branches: [{ name: 'b', when, steps: [{ name: 's', approvers }] }] });
    expect(Object.keys(bad({ ...bigDiscount, op: 'like' }, { kind: 'boss' }))).toEqual([
      'branches.0.when.op',
      'branches.0.steps.0.approvers.kind',
    ]);
    expect(Object.keys(bad({ ...bigDiscount, extra: 1 }, { kind: 'supervisor', level: 0 }))).toEqual([
      'branches.0.when',
      'branches.0.steps.0.approvers.level',
    ]);
    expect(Object.keys(bad(bigDiscount, { kind: 'department_head', level: 11 }))).toEqual([
      'branches.0.steps.0.approvers.level',
    ]);
  });

  it('has every message of the module in both languages', () => {
    const keys = [
      'field_format',
      'invalid_decimal',
      'between_order',
      'duplicate_user',
      'fallback_required',
      'default_branch_not_last',
      'condition_too_deep',
      'no_branch',
      'no_approver',
      'unknown_submitter',
      'field_type',
      'wrong_status',
      'not_submitter',
      'not_approver',
      'already_approved',
      'not_participant',
      'comment_required',
      'locked',
    ].map((k) => `approvals.${k}`);
    for (const key of keys) {
      expect(translate('zh-CN', key)).not.toBe(key);
      expect(translate('en', key)).not.toBe(key);
    }
    expect(translate('en', 'approvals.condition_too_deep')).toContain(String(MAX_CONDITION_DEPTH));
    expect(translate('zh-CN', 'approvals.no_approver', { step: '财务' })).toBe(
      '审批节点“财务”找不到审批人，请联系管理员',
    );
  });
});
