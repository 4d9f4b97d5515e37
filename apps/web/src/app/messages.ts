import { defineMessages } from '../ui/i18n.tsx';

defineMessages({
  'menu.workbench': { 'zh-CN': '工作台', en: 'Workbench' },
  'menu.customers': { 'zh-CN': '客户', en: 'Customers' },
  'menu.pools': { 'zh-CN': '公海', en: 'Public pools' },
  'menu.audit': { 'zh-CN': '操作日志', en: 'Audit trail' },
  'menu.org': { 'zh-CN': '组织架构', en: 'Organisation' },
  'menu.employees': { 'zh-CN': '员工', en: 'Employees' },
  'menu.roles': { 'zh-CN': '角色权限', en: 'Roles' },
  'menu.settings': { 'zh-CN': '系统设置', en: 'Settings' },
  'menu.group.admin': { 'zh-CN': '企业管理', en: 'Administration' },
  'menu.open': { 'zh-CN': '打开菜单', en: 'Open menu' },
  'user.change_password': { 'zh-CN': '修改密码', en: 'Change password' },
  'user.logout': { 'zh-CN': '退出登录', en: 'Log out' },
  'page.403.title': { 'zh-CN': '无权访问', en: 'No access' },
  'page.403.desc': {
    'zh-CN': '你的角色没有访问此页面的权限，如需开通请联系系统管理员。',
    en: 'Your roles do not grant access to this page. Ask an administrator if you need it.',
  },
  'page.404.title': { 'zh-CN': '页面不存在', en: 'Page not found' },
  'page.404.desc': { 'zh-CN': '你访问的页面不存在或已被移除。', en: 'The page does not exist or was removed.' },
  'page.back_home': { 'zh-CN': '返回工作台', en: 'Back to the workbench' },
  'page.error.title': { 'zh-CN': '页面出错了', en: 'Something went wrong' },
  'page.error.reload': { 'zh-CN': '刷新页面', en: 'Reload' },
  'page.session_failed': { 'zh-CN': '无法连接服务器', en: 'Cannot reach the server' },
});
