import type { DataScope } from '../../modules/roles/roles.table.ts';

export interface Label {
  'zh-CN': string;
  en: string;
}

/** What a module declares about itself: its actions (function permissions) and whether rows carry a data scope. */
export interface ModuleDeclaration {
  module: string;
  label: Label;
  actions: Record<string, Label>;
  /** True when the module's records have owners and so a data scope (数据权限) per role. */
  scoped: boolean;
}

const modules = new Map<string, ModuleDeclaration>();

export function declareModule(decl: ModuleDeclaration): void {
  modules.set(decl.module, decl);
}

export function declaredModules(): ModuleDeclaration[] {
  return [...modules.values()];
}

export function allPermissions(): string[] {
  return declaredModules().flatMap((m) => Object.keys(m.actions).map((a) => `${m.module}.${a}`));
}

export function isKnownPermission(permission: string): boolean {
  const [module, action] = permission.split('.');
  return Boolean(module && action && modules.get(module)?.actions[action]);
}

export function isScopedModule(module: string): boolean {
  return modules.get(module)?.scoped ?? false;
}

/** Shared action labels, so modules name the common verbs the same way. */
export const actionLabels = {
  view: { 'zh-CN': '查看', en: 'View' },
  create: { 'zh-CN': '新建', en: 'Create' },
  edit: { 'zh-CN': '编辑', en: 'Edit' },
  delete: { 'zh-CN': '删除', en: 'Delete' },
  export: { 'zh-CN': '导出', en: 'Export' },
  import: { 'zh-CN': '导入', en: 'Import' },
  transfer: { 'zh-CN': '转移', en: 'Transfer' },
  share: { 'zh-CN': '共享', en: 'Share' },
  approve: { 'zh-CN': '审批', en: 'Approve' },
  manage: { 'zh-CN': '管理', en: 'Manage' },
} satisfies Record<string, Label>;

export type { DataScope };
