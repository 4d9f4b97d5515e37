import { z } from 'zod';
import { name } from '../../platform/http/schemas.ts';
import { departmentKinds } from './org.table.ts';

export const department = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  kind: z.enum(departmentKinds),
  independentAccounting: z.boolean(),
  headUserId: z.uuid().nullable(),
  headName: z.string().nullable(),
  sortOrder: z.number().int(),
  /** Active employees whose main department this is (sub-departments not included). */
  memberCount: z.number().int(),
});
export type Department = z.infer<typeof department>;

const sortOrder = () => z.number().int().min(0).max(1_000_000);

export const createDepartmentBody = z.object({
  parentId: z.uuid(),
  name: name(50),
  kind: z.enum(['department', 'subsidiary', 'branch']).default('department'),
  independentAccounting: z.boolean().default(false),
  headUserId: z.uuid().nullish(),
  sortOrder: sortOrder().optional(),
});
export type CreateDepartment = z.infer<typeof createDepartmentBody>;

export const updateDepartmentBody = z.object({
  name: name(50).optional(),
  kind: z.enum(departmentKinds).optional(),
  independentAccounting: z.boolean().optional(),
  headUserId: z.uuid().nullable().optional(),
  /** Move the department under another one. */
  parentId: z.uuid().optional(),
  sortOrder: sortOrder().optional(),
});
export type UpdateDepartment = z.infer<typeof updateDepartmentBody>;
