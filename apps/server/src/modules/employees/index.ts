import { defineMessages } from '../../platform/i18n/i18n.ts';
import './employees.handover.ts';

export { employeeRoutes } from './employees.routes.ts';
export { createEmployee, type EmployeeContext, updateEmployee } from './employees.service.ts';

defineMessages({
  'employees.supervisor_cycle': {
    'zh-CN': '不能选择自己或自己的下属作为直接上级',
    en: 'The supervisor cannot be the employee or one of their subordinates',
  },
  'employees.login_required': {
    'zh-CN': '邮箱和手机号至少填写一项',
    en: 'Enter an e-mail address or a mobile number',
  },
  'employees.last_admin': {
    'zh-CN': '这是最后一位在职的系统管理员，不能停用或取消其管理员角色',
    en: 'This is the last active administrator; they cannot be disabled or lose the administrator role',
  },
  'employees.already_disabled': { 'zh-CN': '该员工已停用', en: 'This employee is already disabled' },
  'employees.handover_to_self': {
    'zh-CN': '不能交接给要停用的员工本人',
    en: 'Hand over to a colleague, not to the employee being disabled',
  },
});
