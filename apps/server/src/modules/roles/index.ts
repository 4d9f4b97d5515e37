import { defineMessages } from '../../platform/i18n/i18n.ts';

export { roleRoutes } from './roles.routes.ts';

defineMessages({
  'roles.admin_locked': {
    'zh-CN': '系统管理员角色拥有全部权限，不能修改或删除',
    en: 'The administrator role holds every permission and cannot be changed or deleted',
  },
  'roles.builtin_locked': { 'zh-CN': '系统预置角色不能删除', en: 'Built-in roles cannot be deleted' },
  'roles.in_use': {
    'zh-CN': '还有 {count} 名员工使用该角色，请先为他们更换角色',
    en: '{count} employees still hold this role; change their roles first',
  },
  'roles.name_taken': { 'zh-CN': '已有同名角色', en: 'A role with this name already exists' },
  'roles.unknown_permission': { 'zh-CN': '未知的权限：{permission}', en: 'Unknown permission: {permission}' },
  'roles.module_not_scoped': {
    'zh-CN': '模块 {module} 没有数据权限',
    en: 'Module {module} has no data scope',
  },
  'roles.grant_exceeds_own': {
    'zh-CN': '不能授予自己没有的权限：{permission}',
    en: 'You cannot grant a permission you do not hold: {permission}',
  },
});
