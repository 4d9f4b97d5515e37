import { defineMessages } from '../../platform/i18n/i18n.ts';
import './opportunities.object.ts';
import './opportunities.conversion.ts';

// The only file other modules may import.
export { insertType as insertBusinessType } from './business-types.service.ts';
export { seedDemoOpportunities } from './opportunities.demo.ts';
export { opportunityObject } from './opportunities.object.ts';
export { opportunityAccess, opportunityVisibility } from './opportunities.policy.ts';
export { opportunitiesRoutes } from './opportunities.routes.ts';
export {
  competitors,
  opportunities,
  opportunityCompetitors,
  opportunityStageHistory,
  opportunityStages,
  opportunityTypes,
} from './opportunities.table.ts';

defineMessages({
  'opportunities.invalid_amount': {
    'zh-CN': '金额须为不小于 0 的数字，最多两位小数',
    en: 'Enter an amount ≥ 0 with at most two decimals',
  },
  'opportunities.invalid_date': { 'zh-CN': '日期格式不正确（YYYY-MM-DD）', en: 'Invalid date (YYYY-MM-DD)' },
  'opportunities.no_business_type': {
    'zh-CN': '还没有商机组，请管理员先在商机组设置中添加',
    en: 'There is no business type yet; an administrator adds one under Business types',
  },
  'opportunities.stage_name_repeated': { 'zh-CN': '阶段名称不能重复', en: 'Stage names must be unique' },
  'opportunities.loss_reason_repeated': { 'zh-CN': '输单原因不能重复', en: 'Loss reasons must be unique' },
  'opportunities.type_name_taken': { 'zh-CN': '商机组“{name}”已存在', en: 'The business type "{name}" already exists' },
  'opportunities.type_in_use': {
    'zh-CN': '有 {count} 个商机使用该商机组，不能删除',
    en: '{count} opportunities use this business type; it cannot be deleted',
  },
  'opportunities.stage_in_use': {
    'zh-CN': '要删除的阶段中还有 {count} 个商机，请先移到其他阶段',
    en: '{count} opportunities are in the stages being removed; move them first',
  },
  'opportunities.stage_not_of_type': {
    'zh-CN': '该阶段不属于所选商机组',
    en: 'The stage does not belong to the business type',
  },
  'opportunities.loss_reason_required': {
    'zh-CN': '输单时须填写输单原因',
    en: 'A lost opportunity needs a loss reason',
  },
  'opportunities.contact_not_of_customer': {
    'zh-CN': '联系人不属于所选客户',
    en: 'The contact does not belong to the customer',
  },
  'opportunities.competitor_name_taken': {
    'zh-CN': '竞争对手“{name}”已存在',
    en: 'The competitor "{name}" already exists',
  },
  'opportunities.competitor_in_use': {
    'zh-CN': '有 {count} 个商机关联了该竞争对手，不能删除',
    en: '{count} opportunities are linked to this competitor; it cannot be deleted',
  },
});
