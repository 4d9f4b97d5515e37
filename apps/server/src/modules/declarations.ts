import { actionLabels as a, declareModule } from '../platform/access/permissions.ts';

/*
 * The permission catalogue of the platform modules. Each later module declares its own in its index.ts.
 */
declareModule({
  module: 'org',
  label: { 'zh-CN': '组织架构', en: 'Organisation' },
  actions: { view: a.view, manage: a.manage },
  scoped: false,
});
declareModule({
  module: 'employees',
  label: { 'zh-CN': '员工', en: 'Employees' },
  actions: {
    view: a.view,
    create: a.create,
    edit: a.edit,
    disable: { 'zh-CN': '停用/离职交接', en: 'Disable and hand over' },
    reset_password: { 'zh-CN': '重置密码', en: 'Reset password' },
  },
  scoped: true,
});
declareModule({
  module: 'roles',
  label: { 'zh-CN': '角色权限', en: 'Roles' },
  actions: { view: a.view, manage: a.manage },
  scoped: false,
});
declareModule({
  module: 'settings',
  label: { 'zh-CN': '系统设置', en: 'Settings' },
  actions: { view: a.view, manage: a.manage },
  scoped: false,
});
declareModule({
  module: 'audit',
  label: { 'zh-CN': '操作日志', en: 'Audit trail' },
  actions: { view: a.view },
  scoped: false,
});
