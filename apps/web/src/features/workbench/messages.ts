import { defineMessages } from '../../ui/i18n.tsx';

defineMessages({
  'workbench.morning': { 'zh-CN': '早上好，{name}', en: 'Good morning, {name}' },
  'workbench.afternoon': { 'zh-CN': '下午好，{name}', en: 'Good afternoon, {name}' },
  'workbench.evening': { 'zh-CN': '晚上好，{name}', en: 'Good evening, {name}' },
  'workbench.company': { 'zh-CN': '企业', en: 'Company' },
  'workbench.department': { 'zh-CN': '部门', en: 'Department' },
  'workbench.position': { 'zh-CN': '职位', en: 'Position' },
  'workbench.roles': { 'zh-CN': '角色', en: 'Roles' },
  'workbench.shortcuts': { 'zh-CN': '常用功能', en: 'Shortcuts' },
  'workbench.getting_started': { 'zh-CN': '快速开始', en: 'Getting started' },
  'workbench.step.logo': { 'zh-CN': '上传企业 LOGO，让同事一眼认出自己的公司', en: 'Upload the company logo' },
  'workbench.step.org': { 'zh-CN': '配置组织架构：在“全公司”下新建部门', en: 'Build the department tree' },
  'workbench.step.employees': {
    'zh-CN': '添加员工，设置归属部门和直接上级',
    en: 'Add employees with department and supervisor',
  },
  'workbench.step.roles': {
    'zh-CN': '设置角色权限和数据权限：销售看自己的，经理看下属的，老板看全部',
    en: 'Set roles and data scopes: sales see their own, managers their team, the boss everything',
  },
  'workbench.go': { 'zh-CN': '去设置', en: 'Open' },
  'workbench.no_shortcuts': {
    'zh-CN': '更多功能将随模块开通后显示在这里。',
    en: 'More features appear here as modules are enabled.',
  },
});
