import { declareModule } from '../../platform/access/permissions.ts';
import { registerHandover } from '../../platform/handover/registry.ts';
import { defineMessages } from '../../platform/i18n/i18n.ts';
import './approvals.reminders.ts';
import { countHandover, transferHandover } from './approvals.service.ts';

export { type ApprovalDocument, matches } from './approvals.conditions.ts';
export {
  type ApproverRule,
  type Condition,
  type DocumentType,
  documentTypes,
  type FlowDefinition,
  type FlowStep,
  flowDefinition,
} from './approvals.flow.ts';
export {
  type ApprovalDocumentType,
  type DecisionContext,
  type DecisionOutcome,
  type LoadedDocument,
  registerApprovalDocument,
} from './approvals.registry.ts';
export {
  type ApprovalOrg,
  type ResolvedRoute,
  type RoleMembers,
  type RoutedStep,
  type RouteError,
  resolveRoute,
  routeErrorToAppError,
} from './approvals.route.ts';
export { approvalRoutes } from './approvals.routes.ts';
export { approvalStatus, assertNotPending } from './approvals.service.ts';
export {
  type ApprovalAction,
  type ApprovalEvent,
  type ApprovalState,
  approvalErrorToAppError,
  assertEditable,
  availableActions,
  awaiting,
  isLocked,
  newApproval,
  reduceApproval,
} from './approvals.state.ts';
export { approvalEvents, approvalFlows, approvalInstances } from './approvals.table.ts';

declareModule({
  module: 'approvals',
  label: { 'zh-CN': '审批', en: 'Approvals' },
  // Acting on an approval needs no grant: the flow names who decides. Setting up the flows does.
  actions: { manage: { 'zh-CN': '审批流程设置', en: 'Set up approval flows' } },
  scoped: false,
});

// A leaving employee's place on pending approvals goes to their successor, in the disabling transaction.
registerHandover({
  type: 'approvals.pending_steps',
  label: { 'zh-CN': '待审批事项', en: 'Pending approvals' },
  count: countHandover,
  transfer: transferHandover,
});

defineMessages({
  // Flow definitions (field-level, shown next to the form control).
  'approvals.field_format': {
    'zh-CN': '字段名须以字母开头，可用点号分隔，如 amount 或 custom.region',
    en: 'A field name starts with a letter and may be dotted, e.g. amount or custom.region',
  },
  'approvals.invalid_decimal': {
    'zh-CN': '请输入数字，最多 15 位整数、6 位小数',
    en: 'Enter a number with at most 15 digits before and 6 after the decimal point',
  },
  'approvals.between_order': { 'zh-CN': '上限不能小于下限', en: 'The upper bound cannot be below the lower bound' },
  'approvals.duplicate_user': { 'zh-CN': '审批人重复', en: 'The same person is listed twice' },
  'approvals.fallback_required': {
    'zh-CN': '请选择找不到审批人时的转交人',
    en: 'Choose who approves when nobody else is found',
  },
  'approvals.default_branch_not_last': {
    'zh-CN': '无条件的分支（其他情况）只能放在最后',
    en: 'The branch without conditions (otherwise) must come last',
  },
  'approvals.condition_too_deep': {
    'zh-CN': '条件组最多嵌套 3 层',
    en: 'Condition groups nest at most 3 levels deep',
  },
  // Routing, at submission.
  'approvals.no_branch': {
    'zh-CN': '审批流程中没有适用于此单据的分支，请联系管理员完善审批流程',
    en: 'No branch of the approval flow applies to this document; ask an administrator to complete the flow',
  },
  'approvals.no_approver': {
    'zh-CN': '审批节点“{step}”找不到审批人，请联系管理员',
    en: 'Nobody can approve the step "{step}"; ask an administrator',
  },
  'approvals.unknown_submitter': { 'zh-CN': '提交人不在组织架构中', en: 'The submitter is not in the org chart' },
  'approvals.field_type': {
    'zh-CN': '单据字段 {field} 的值与审批条件的类型不符，请联系管理员',
    en: 'The document field {field} does not have the type the approval condition expects; ask an administrator',
  },
  // Acting on an approval.
  'approvals.wrong_status': {
    'zh-CN': '审批状态已变化，不能执行此操作，请刷新',
    en: 'The approval has moved on and no longer allows this; refresh',
  },
  'approvals.not_submitter': { 'zh-CN': '只有提交人可以执行此操作', en: 'Only the submitter can do this' },
  'approvals.not_approver': { 'zh-CN': '您不是当前节点的审批人', en: 'You are not an approver of the current step' },
  'approvals.already_approved': { 'zh-CN': '您已审批过此节点', en: 'You have already approved this step' },
  'approvals.not_participant': {
    'zh-CN': '只有提交人和审批人可以发表意见',
    en: 'Only the submitter and the approvers can comment',
  },
  'approvals.comment_required': { 'zh-CN': '请填写意见', en: 'Enter a comment' },
  'approvals.no_flow': {
    'zh-CN': '此类单据尚未设置审批流程，请联系管理员',
    en: 'No approval flow is set up for this kind of document; ask an administrator',
  },
  'approvals.type_mismatch': { 'zh-CN': '单据类型与地址不符', en: 'The document type does not match the address' },
  'approvals.unknown_user': { 'zh-CN': '审批人不存在或已停用', en: 'The approver does not exist or is disabled' },
  'approvals.locked': { 'zh-CN': '单据审批中，不能修改', en: 'The document is pending approval and cannot be changed' },
});
