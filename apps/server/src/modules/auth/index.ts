import { defineMessages } from '../../platform/i18n/i18n.ts';

export { authRoutes } from './auth.routes.ts';
export { createSession, endSessions, normalizeLogin } from './auth.service.ts';

defineMessages({
  'auth.login_taken': { 'zh-CN': '该账号已被注册', en: 'This login is already registered' },
  'auth.email_taken': { 'zh-CN': '该邮箱已被使用', en: 'This e-mail is already in use' },
  'auth.mobile_taken': { 'zh-CN': '该手机号已被使用', en: 'This mobile number is already in use' },
  'auth.bad_credentials': { 'zh-CN': '账号或密码错误', en: 'Wrong login or password' },
  'auth.locked': {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed logins, try again in {minutes} minutes',
  },
  'auth.disabled': { 'zh-CN': '该账号已停用', en: 'This account is disabled' },
  'auth.wrong_password': { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
});
