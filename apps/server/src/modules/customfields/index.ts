import { defineMessages } from '../../platform/i18n/i18n.ts';

export { type CustomFilterOp, customFieldCondition, customFilterFromQuery } from './customfields.filter.ts';
export { customFieldRoutes } from './customfields.routes.ts';
export type { CustomField } from './customfields.schemas.ts';
export { listCustomFields, MAX_FIELDS_PER_TYPE } from './customfields.service.ts';
export {
  type CustomFieldType,
  type CustomObjectType,
  customFields,
  customFieldTypes,
  customObjectTypes,
  customValueTables,
} from './customfields.table.ts';
export {
  activeUserIds,
  type CustomCheck,
  type CustomValues,
  checkCustomValues,
  checkUserFields,
  liveCustomValues,
  mergeCustomValues,
  userFieldIds,
  validateCustomValues,
  visibleCustomValues,
} from './customfields.values.ts';

defineMessages({
  'customfields.key_format': {
    'zh-CN': '字段标识须以小写字母开头，只含小写字母、数字和下划线',
    en: 'The key must start with a lower-case letter and contain only a-z, 0-9 and _',
  },
  'customfields.key_taken': { 'zh-CN': '字段标识 {key} 已被使用', en: 'The key {key} is already used' },
  'customfields.too_many': {
    'zh-CN': '每类记录最多 {max} 个自定义字段',
    en: 'At most {max} custom fields per record type',
  },
  'customfields.options_required': { 'zh-CN': '请至少添加一个选项', en: 'Add at least one option' },
  'customfields.duplicate_option': { 'zh-CN': '选项不能重复', en: 'Options must be unique' },
  'customfields.invalid_number': { 'zh-CN': '请输入数字', en: 'Enter a number' },
  'customfields.money_scale': { 'zh-CN': '金额最多两位小数', en: 'At most two decimal places' },
  'customfields.invalid_date': { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'Dates look like YYYY-MM-DD' },
  'customfields.invalid_phone': { 'zh-CN': '电话号码格式不正确', en: 'Invalid phone number' },
  'customfields.inactive_user': {
    'zh-CN': '请选择本公司在职员工',
    en: 'Choose an active employee of your company',
  },
});
