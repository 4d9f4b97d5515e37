import { defineMessages } from '../../platform/i18n/i18n.ts';
import './customers.object.ts';

export { customerKeys, findDuplicates } from './customers.dedupe.ts';
export { registerRollup } from './customers.hierarchy.ts';
export {
  CUSTOMER,
  customerAccessRules,
  customerVisibility,
  customerWritability,
  extendCustomerVisibility,
} from './customers.policy.ts';
export { findVisibleCustomer, isCustomerVisible } from './customers.queries.ts';
export { customerRoutes } from './customers.routes.ts';
export { createCustomerBody } from './customers.schemas.ts';
export { createCustomer, loadWritable } from './customers.service.ts';
export { customers, customerViews } from './customers.table.ts';
export { registerCustomerTab } from './customers.tabs.ts';

defineMessages({
  'customers.duplicate': {
    'zh-CN': '发现 {count} 个疑似重复的客户，确认后仍可保存',
    en: '{count} possible duplicate customer(s) found; confirm to save anyway',
  },
  'customers.hierarchy_cycle': {
    'zh-CN': '不能把客户挂到它自己或它的下级单位下面',
    en: 'A customer cannot sit under itself or one of its subsidiaries',
  },
  'customers.has_subsidiaries': {
    'zh-CN': '该客户还有下级单位，请先解除关联',
    en: 'This customer still has subsidiaries; unlink them first',
  },
  'customers.invalid_credit_code': {
    'zh-CN': '统一社会信用代码不正确',
    en: 'Invalid unified social credit code',
  },
  'customers.invalid_phone': { 'zh-CN': '电话号码格式不正确', en: 'Invalid phone number' },
  'customers.owner_out_of_scope': {
    'zh-CN': '只能指定您数据权限范围内的负责人',
    en: 'Choose an owner within your data scope',
  },
  'customers.view_name_taken': { 'zh-CN': '已有同名视图', en: 'You already have a view with this name' },
  'customers.view_not_owner': {
    'zh-CN': '这是同事共享的视图，只有创建人可以修改或删除',
    en: 'A colleague shared this view: only they can change or delete it',
  },
});
