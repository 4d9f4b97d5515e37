import { defineMessages } from '../../platform/i18n/i18n.ts';

export { orgRoutes } from './org.routes.ts';
export { createDepartment, deleteDepartment, updateDepartment, type WriteContext } from './org.service.ts';

defineMessages({
  'org.department_cycle': {
    'zh-CN': '不能把部门移动到它自己或它的下级部门之下',
    en: 'A department cannot be moved under itself or one of its sub-departments',
  },
  'org.department_not_empty': {
    'zh-CN': '部门「{name}」下还有 {members} 名员工（含已停用）和 {children} 个下级部门，请先移走后再删除',
    en: 'Department "{name}" still has {members} employees (disabled ones included) and {children} sub-departments; move them first',
  },
  'org.root_locked': {
    'zh-CN': '公司根节点只能改名，不能移动、删除或更改类型',
    en: 'The company root can only be renamed; it cannot be moved, deleted or change kind',
  },
  'org.independent_accounting_kind': {
    'zh-CN': '只有子公司或分支机构可以独立核算',
    en: 'Only subsidiaries and branches can have independent accounting',
  },
  'org.user_not_active': { 'zh-CN': '该员工已停用', en: 'This employee is disabled' },
});
