import type { DataScope } from './roles.table.ts';

/**
 * Built-in roles from seed 001. Grants are written per module name; a module that does not exist yet is
 * skipped when a tenant is created, so the templates can already name the later modules.
 * "admin" is special: it holds every permission and the "all" scope by definition, and cannot be edited.
 */
export interface RoleTemplate {
  code: string;
  name: { 'zh-CN': string; en: string };
  /** module → actions ('*' = every action the module declares) and data scope. */
  grants: Record<string, { actions: string[] | '*'; scope?: DataScope }>;
  /** For modules not listed: these actions (if declared) with this scope. */
  others?: { actions: string[]; scope: DataScope };
}

const SALES_MODULES = [
  'customers',
  'contacts',
  'followups',
  'leads',
  'opportunities',
  'quotes',
  'contracts',
  'orders',
  'collections',
];
const salesGrants = (actions: string[] | '*', scope: DataScope) =>
  Object.fromEntries(SALES_MODULES.map((m) => [m, { actions, scope }]));

export const builtinRoles: RoleTemplate[] = [
  { code: 'admin', name: { 'zh-CN': '系统管理员', en: 'Administrator' }, grants: {} },
  {
    code: 'boss',
    name: { 'zh-CN': '老板', en: 'Boss' },
    grants: {
      employees: { actions: ['view'], scope: 'all' },
      org: { actions: ['view'] },
      audit: { actions: ['view'] },
      pools: { actions: ['view'] },
      forecast: { actions: '*' },
    },
    others: { actions: ['view', 'export', 'approve'], scope: 'all' },
  },
  {
    code: 'sales_manager',
    name: { 'zh-CN': '销售经理', en: 'Sales manager' },
    grants: {
      ...salesGrants('*', 'subordinates'),
      employees: { actions: ['view'], scope: 'subordinates' },
      org: { actions: ['view'] },
      products: { actions: ['view'], scope: 'all' },
      pools: { actions: ['view', 'claim', 'assign'] },
      competitors: { actions: '*' },
      forecast: { actions: ['view', 'set_quotas'] },
    },
  },
  {
    code: 'sales',
    name: { 'zh-CN': '销售人员', en: 'Salesperson' },
    grants: {
      ...salesGrants(['view', 'create', 'edit', 'share'], 'own'),
      leads: { actions: ['view', 'create', 'edit', 'claim', 'convert'], scope: 'own' },
      employees: { actions: ['view'], scope: 'own' },
      products: { actions: ['view'], scope: 'all' },
      pools: { actions: ['view', 'claim'] },
      competitors: { actions: ['view', 'create', 'edit'] },
      forecast: { actions: ['view'] },
    },
  },
  {
    code: 'service',
    name: { 'zh-CN': '客服', en: 'Customer service' },
    grants: {
      customers: { actions: ['view'], scope: 'all' },
      contacts: { actions: ['view'], scope: 'all' },
      service: { actions: '*', scope: 'own' },
      products: { actions: ['view'] },
      employees: { actions: ['view'], scope: 'own' },
    },
  },
  {
    code: 'warehouse',
    name: { 'zh-CN': '仓管', en: 'Warehouse keeper' },
    grants: {
      inventory: { actions: '*', scope: 'all' },
      products: { actions: ['view'], scope: 'all' },
      employees: { actions: ['view'], scope: 'own' },
    },
  },
  {
    code: 'finance',
    name: { 'zh-CN': '财务', en: 'Finance' },
    grants: {
      finance: { actions: '*', scope: 'all' },
      collections: { actions: '*', scope: 'all' },
      contracts: { actions: ['view'], scope: 'all' },
      quotes: { actions: ['view'], scope: 'all' },
      products: { actions: ['view'] },
      employees: { actions: ['view'], scope: 'own' },
    },
  },
];
