import { actionLabels as a, declareModule } from '../../platform/access/permissions.ts';
import { defineMessages } from '../../platform/i18n/i18n.ts';
import { PERMISSION_MODULE } from './forecast.service.ts';

export { seedDemoQuotas } from './forecast.demo.ts';
// The only file other modules may import.
export { forecastRoutes } from './forecast.routes.ts';
export { salesQuotas } from './forecast.table.ts';

/*
 * Not scoped by itself: the forecast follows the "opportunities" data scope (it sums opportunities by owner), so
 * a role's scope is set in one place.
 */
declareModule({
  module: PERMISSION_MODULE,
  label: { 'zh-CN': '销售预测', en: 'Sales forecast' },
  actions: {
    view: a.view,
    set_quotas: { 'zh-CN': '设置个人定额', en: 'Set people’s quotas' },
    set_department_quotas: { 'zh-CN': '设置部门定额', en: 'Set department quotas' },
  },
  scoped: false,
});

defineMessages({
  'forecast.invalid_quarter': {
    'zh-CN': '季度格式不正确（如 2026Q1）',
    en: 'Invalid quarter (e.g. 2026Q1)',
  },
  'forecast.invalid_scope': {
    'zh-CN': '范围须为 me、company 或 department:<部门ID>',
    en: 'Scope must be me, company or department:<id>',
  },
  'forecast.invalid_amount': {
    'zh-CN': '定额须为不小于 0 的数字，最多两位小数',
    en: 'Enter a quota ≥ 0 with at most two decimals',
  },
  'forecast.repeated': { 'zh-CN': '同一对象只能出现一次', en: 'Listed more than once' },
  'forecast.scope_denied': {
    'zh-CN': '无权查看该范围的销售预测',
    en: 'You may not see the forecast of this scope',
  },
  'forecast.quota_not_allowed': {
    'zh-CN': '无权设置“{name}”的定额',
    en: 'You may not set the quota of "{name}"',
  },
});
