import { defineMessages } from '../../ui/i18n.tsx';

defineMessages({
  'org.title': { 'zh-CN': '组织架构', en: 'Organisation' },
  'org.subtitle': {
    'zh-CN': '维护部门、子公司和分支机构；拖动节点即可调整上级',
    en: 'Departments, subsidiaries and branches; drag a node to move it',
  },
  'org.kind.company': { 'zh-CN': '公司', en: 'Company' },
  'org.kind.department': { 'zh-CN': '部门', en: 'Department' },
  'org.kind.subsidiary': { 'zh-CN': '子公司', en: 'Subsidiary' },
  'org.kind.branch': { 'zh-CN': '分支机构', en: 'Branch' },
  'org.independent': { 'zh-CN': '独立核算', en: 'Independent accounting' },
  'org.add_child': { 'zh-CN': '添加子部门', en: 'Add sub-department' },
  'org.add_child_of': { 'zh-CN': '在“{name}”下添加', en: 'Add under "{name}"' },
  'org.edit_of': { 'zh-CN': '编辑“{name}”', en: 'Edit "{name}"' },
  'org.search': { 'zh-CN': '搜索部门', en: 'Search departments' },
  'org.field.name': { 'zh-CN': '名称', en: 'Name' },
  'org.field.kind': { 'zh-CN': '类型', en: 'Type' },
  'org.field.parent': { 'zh-CN': '上级', en: 'Parent' },
  'org.field.head': { 'zh-CN': '负责人', en: 'Head' },
  'org.field.head_hint': {
    'zh-CN': '新员工的直接上级默认为所在部门的负责人',
    en: "New employees' supervisor defaults to the department head",
  },
  'org.field.independent_hint': {
    'zh-CN': '子公司、分支机构可单独核算收入与成本',
    en: 'Subsidiaries and branches may keep their own accounts',
  },
  'org.field.members': { 'zh-CN': '人数', en: 'Members' },
  'org.field.path': { 'zh-CN': '路径', en: 'Path' },
  'org.members': { 'zh-CN': '成员', en: 'Members' },
  'org.members_of': { 'zh-CN': '{name} 的成员', en: 'Members of {name}' },
  'org.no_members': { 'zh-CN': '该部门暂无成员', en: 'No members in this department' },
  'org.select_hint': { 'zh-CN': '在左侧选择一个部门查看详情和成员', en: 'Select a department to see its members' },
  'org.move_confirm': { 'zh-CN': '将“{name}”移动到“{parent}”下？', en: 'Move "{name}" under "{parent}"?' },
  'org.moved': { 'zh-CN': '已移动', en: 'Moved' },
  'org.created': { 'zh-CN': '已添加', en: 'Added' },
  'org.delete_confirm': {
    'zh-CN': '确定删除“{name}”吗？有成员或子部门的部门不能删除。',
    en: 'Delete "{name}"? Departments with members or children cannot be deleted.',
  },
  'org.root_hint': {
    'zh-CN': '顶级节点代表全公司，可以改名，不能移动或删除。',
    en: 'The top node is the whole company: it can be renamed, not moved or deleted.',
  },
  'org.no_members_permission': {
    'zh-CN': '你没有查看员工的权限',
    en: 'You may not view employees',
  },
});
