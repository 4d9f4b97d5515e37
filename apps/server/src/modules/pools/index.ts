import { actionLabels as a, declareModule } from '../../platform/access/permissions.ts';
import { defineMessages } from '../../platform/i18n/i18n.ts';
import './pools.reminders.ts';
import './pools.visibility.ts';

export { APPLY_RULES_JOB, applyAllPoolRules, applyPoolRules, planPoolRules, registerPoolJobs } from './pools.apply.ts';
export { poolRoutes } from './pools.routes.ts';
export { evaluatePoolRules } from './pools.rules.ts';

declareModule({
  module: 'pools',
  label: { 'zh-CN': '公海', en: 'Public pools' },
  actions: {
    view: a.view,
    claim: { 'zh-CN': '领取', en: 'Claim' },
    assign: { 'zh-CN': '分配', en: 'Assign' },
    manage: { 'zh-CN': '公海规则设置', en: 'Manage pools and rules' },
  },
  scoped: false,
});

defineMessages({
  'pools.already_claimed': {
    'zh-CN': '手慢了，该客户已被其他人领取',
    en: 'Someone else has already claimed this customer',
  },
  'pools.daily_limit': {
    'zh-CN': '今天已达到该公海的领取上限（每天 {limit} 个），请明天再领',
    en: 'You have reached the daily claim limit of this pool ({limit} a day); try again tomorrow',
  },
  'pools.max_owned': {
    'zh-CN': '您负责的客户已达上限（{max} 个），不能再领取',
    en: 'You already own the maximum of {max} customers and cannot claim more',
  },
  'pools.cooldown': {
    'zh-CN': '该客户刚从您名下转出，{days} 天内不能再次领取（{until} 后可领）',
    en: 'This customer left you recently; you may claim it again after {days} days ({until})',
  },
  'pools.assign_unavailable': {
    'zh-CN': '有 {count} 个客户已不在该公海中，本次未分配任何客户',
    en: '{count} of the customers are no longer in this pool; nothing was assigned',
  },
  'pools.not_member': { 'zh-CN': '该员工不属于此公海的部门', en: 'This employee is not a member of the pool' },
  'pools.owner_not_member': {
    'zh-CN': '客户负责人不属于此公海的部门',
    en: "The customer's owner is not a member of this pool",
  },
  'pools.not_owned': { 'zh-CN': '该客户已在公海中', en: 'This customer is already in a pool' },
  'pools.not_empty': {
    'zh-CN': '公海中还有 {count} 个客户，请先领取或分配后再删除',
    en: 'The pool still holds {count} customers; claim or assign them first',
  },
  'pools.name_taken': { 'zh-CN': '已有同名公海', en: 'A pool with this name already exists' },
  'pools.rule.no_follow_up': { 'zh-CN': '{days} 天未跟进', en: 'No follow-up for {days} days' },
  'pools.reminder': {
    'zh-CN': '{name}：{reason}，将转入公海「{pool}」',
    en: '{name}: {reason}; moves to the pool "{pool}"',
  },
  'pools.rule.no_deal': { 'zh-CN': '{days} 天未成交', en: 'No deal for {days} days' },
});
