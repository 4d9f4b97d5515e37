import { defineMessages } from '../../ui/i18n.tsx';

defineMessages({
  'roles.title': { 'zh-CN': '角色权限', en: 'Roles' },
  'roles.subtitle': {
    'zh-CN': '角色是功能权限和数据权限的集合；一个员工可以有多个角色，权限取并集',
    en: 'A role bundles function grants and data scopes; an employee with several roles gets their union',
  },
  'roles.create': { 'zh-CN': '新建角色', en: 'New role' },
  'roles.builtin': { 'zh-CN': '内置', en: 'Built-in' },
  'roles.custom': { 'zh-CN': '自定义', en: 'Custom' },
  'roles.members': { 'zh-CN': '{count} 人', en: '{count} members' },
  'roles.field.name': { 'zh-CN': '角色名称', en: 'Role name' },
  'roles.field.description': { 'zh-CN': '描述', en: 'Description' },
  'roles.matrix': { 'zh-CN': '功能权限与数据范围', en: 'Permissions and data scope' },
  'roles.col.module': { 'zh-CN': '模块', en: 'Module' },
  'roles.col.actions': { 'zh-CN': '功能权限', en: 'Actions' },
  'roles.col.scope': { 'zh-CN': '数据范围', en: 'Data scope' },
  'roles.scope.own': { 'zh-CN': '本人', en: 'Own' },
  'roles.scope.subordinates': { 'zh-CN': '本人及下属', en: 'Own and subordinates' },
  'roles.scope.department': { 'zh-CN': '本部门', en: 'Own department' },
  'roles.scope.department_tree': { 'zh-CN': '本部门及下级部门', en: 'Department and sub-departments' },
  'roles.scope.all': { 'zh-CN': '全部', en: 'All' },
  'roles.scope.na': { 'zh-CN': '不适用', en: 'n/a' },
  'roles.admin_locked': {
    'zh-CN': '系统管理员拥有全部权限和全部数据范围，不可修改。可以把多位员工设为管理员。',
    en: 'The administrator holds every permission over all data and cannot be edited. Several people may be administrators.',
  },
  'roles.readonly': { 'zh-CN': '你没有管理角色的权限，只能查看。', en: 'You may view roles but not change them.' },
  'roles.not_editable': { 'zh-CN': '该角色不可编辑。', en: 'This role cannot be edited.' },
  'roles.saved': { 'zh-CN': '角色已保存', en: 'Role saved' },
  'roles.created': { 'zh-CN': '角色已创建', en: 'Role created' },
  'roles.delete_confirm': {
    'zh-CN': '确定删除角色“{name}”吗？仍有成员的角色不能删除。',
    en: 'Delete role "{name}"? Roles that still have members cannot be deleted.',
  },
  'roles.select_all': { 'zh-CN': '全选', en: 'All' },
  'roles.new_name': { 'zh-CN': '新角色', en: 'New role' },
  'roles.select_hint': { 'zh-CN': '选择左侧的角色查看或编辑', en: 'Select a role to view or edit it' },
  'roles.scope_hint': {
    'zh-CN': '数据范围决定能看到谁负责的记录：“下属”指直接上级链条下的所有员工。',
    en: 'The data scope decides whose records one sees; "subordinates" is everyone below in the supervisor chain.',
  },
});
