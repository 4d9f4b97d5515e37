import { actionLabels as a, declareModule } from '../../platform/access/permissions.ts';
import { registerHandover } from '../../platform/handover/registry.ts';
import { defineMessages } from '../../platform/i18n/i18n.ts';
import { MODULE } from './leads.policy.ts';
import { countOwned, transferOwned } from './leads.repo.ts';

// The only file other modules may import.
export {
  type ConversionStep,
  type ConversionStepInput,
  type ConversionStepResult,
  registerLeadConversionStep,
} from './leads.convert.ts';
export { seedDemoLeads } from './leads.demo.ts';
export { leadsRoutes } from './leads.routes.ts';
export { leads } from './leads.table.ts';

const label = { 'zh-CN': '线索', en: 'Leads' };

declareModule({
  module: MODULE,
  label,
  actions: {
    view: a.view,
    create: a.create,
    edit: a.edit,
    delete: a.delete,
    claim: { 'zh-CN': '领取', en: 'Claim' },
    assign: { 'zh-CN': '分配', en: 'Assign' },
    convert: { 'zh-CN': '转化', en: 'Convert' },
    pool_settings: { 'zh-CN': '线索池设置', en: 'Pool settings' },
  },
  scoped: true,
});

// A leaving employee's leads go to the colleague chosen when disabling them, in the same transaction.
registerHandover({ type: MODULE, label, count: countOwned, transfer: transferOwned });

defineMessages({
  'leads.duplicate': {
    'zh-CN': '发现 {count} 条疑似重复的线索或客户，确认后仍可保存',
    en: '{count} possible duplicate lead(s) or customer(s) found; confirm to save anyway',
  },
  'leads.converted': { 'zh-CN': '线索已转化，不能再修改', en: 'This lead has been converted and is read-only' },
  'leads.invalid_phone': { 'zh-CN': '电话号码格式不正确', en: 'Invalid phone number' },
  'leads.owner_out_of_scope': {
    'zh-CN': '只能指定您数据权限范围内的负责人',
    en: 'Choose an owner within your data scope',
  },
  'leads.already_claimed': { 'zh-CN': '该线索已被他人领取', en: 'Someone else has already claimed this lead' },
  'leads.already_in_pool': { 'zh-CN': '该线索已在线索池中', en: 'This lead is already in the pool' },
  'leads.daily_limit': {
    'zh-CN': '今天已达到领取上限（每天 {limit} 条）',
    en: 'You reached today’s claim limit ({limit} per day)',
  },
  'leads.max_owned': {
    'zh-CN': '您名下的未转化线索已达上限（{max} 条），请先处理后再领取',
    en: 'You already own the maximum of {max} open leads',
  },
  'leads.assign_unavailable': {
    'zh-CN': '有 {count} 条线索已不在线索池中，未分配任何线索',
    en: '{count} lead(s) are no longer in the pool; nothing was assigned',
  },
  'leads.convert_pool': {
    'zh-CN': '线索池中的线索需先领取或分配后再转化',
    en: 'Claim or assign a pool lead before converting it',
  },
  'leads.no_contact_person': {
    'zh-CN': '线索没有联系人姓名，不能创建联系人',
    en: 'The lead has no contact person to create a contact from',
  },
  'leads.contact_mismatch': {
    'zh-CN': '请选择该客户下的联系人',
    en: 'Choose a contact of that customer',
  },
  'leads.unknown_step': { 'zh-CN': '该转化步骤尚未启用', en: 'This conversion step is not available' },
});
