import { defineMessages } from '../../platform/i18n/i18n.ts';

export { sharingRoutes as sharingDefaultsRoutes } from './sharing.routes.ts';

defineMessages({
  'sharing.read_only': {
    'zh-CN': '你只能查看这条记录，不能修改、共享或转移它',
    en: 'You can only view this record; you cannot change, share or transfer it',
  },
  'sharing.one_target': { 'zh-CN': '请选择一名员工或一个部门', en: 'Choose one employee or one department' },
  'sharing.user_disabled': { 'zh-CN': '该员工已停用', en: 'This employee is disabled' },
});
