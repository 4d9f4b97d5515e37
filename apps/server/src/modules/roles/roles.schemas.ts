import { z } from 'zod';
import { name, optionalText } from '../../platform/http/schemas.ts';
import { dataScopes } from './roles.table.ts';

const label = z.object({ 'zh-CN': z.string(), en: z.string() });
export const dataScope = z.enum(dataScopes);

/** The permission catalogue the role editor renders as a permission × scope matrix. */
export const catalogueResponse = z.object({
  modules: z.array(
    z.object({
      module: z.string(),
      label,
      actions: z.array(z.object({ action: z.string(), label })),
      scoped: z.boolean(),
    }),
  ),
  scopes: z.array(z.object({ scope: dataScope, label })),
});

export const roleBody = z.strictObject({
  name: name(50),
  description: optionalText(200),
  permissions: z.array(z.string().max(100)).max(1000),
  scopes: z.record(z.string().max(50), dataScope).default({}),
});
export type RoleInput = z.output<typeof roleBody>;

export const role = z.object({
  id: z.uuid(),
  name: z.string(),
  code: z.string().nullable(),
  builtin: z.boolean(),
  /** False only for the administrator role, which holds everything by definition. */
  editable: z.boolean(),
  description: z.string().nullable(),
  permissions: z.array(z.string()),
  scopes: z.record(z.string(), dataScope),
  memberCount: z.number().int(),
});
export type Role = z.input<typeof role>;

export const scopeLabels: Record<(typeof dataScopes)[number], { 'zh-CN': string; en: string }> = {
  own: { 'zh-CN': '本人', en: 'Own' },
  subordinates: { 'zh-CN': '本人及下属', en: 'Own and subordinates' },
  department: { 'zh-CN': '本部门', en: 'Own department' },
  department_tree: { 'zh-CN': '本部门及下属部门', en: 'Department and sub-departments' },
  all: { 'zh-CN': '全公司', en: 'Whole company' },
};
