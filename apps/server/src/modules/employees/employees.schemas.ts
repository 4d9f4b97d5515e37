import { z } from 'zod';
import { email, listQuery, mobile, name, optionalText, password } from '../../platform/http/schemas.ts';
import { userStatuses } from './employees.table.ts';

export const employee = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  supervisorId: z.uuid().nullable(),
  supervisorName: z.string().nullable(),
  positionTitle: z.string().nullable(),
  status: z.enum(userStatuses),
  roles: z.array(z.object({ id: z.uuid(), name: z.string(), code: z.string().nullable() })),
  createdAt: z.date(),
});
export type Employee = z.infer<typeof employee>;

export const employeeListQuery = listQuery.extend({
  q: z.string().trim().max(100).optional(),
  departmentId: z.uuid().optional(),
  status: z.enum(userStatuses).optional(),
});
export type EmployeeListQuery = z.infer<typeof employeeListQuery>;

const roleIds = () => z.array(z.uuid()).max(20);

export const createEmployeeBody = z.object({
  name: name(50),
  email: email().nullish(),
  mobile: mobile().nullish(),
  password: password(),
  departmentId: z.uuid(),
  /** Omitted: the head of the department (or the nearest one above). null: no supervisor. */
  supervisorId: z.uuid().nullable().optional(),
  positionTitle: optionalText(50),
  roleIds: roleIds().default([]),
});
export type CreateEmployee = z.infer<typeof createEmployeeBody>;

export const updateEmployeeBody = z.object({
  name: name(50).optional(),
  email: email().nullable().optional(),
  mobile: mobile().nullable().optional(),
  departmentId: z.uuid().optional(),
  supervisorId: z.uuid().nullable().optional(),
  positionTitle: optionalText(50).optional(),
  roleIds: roleIds().optional(),
});
export type UpdateEmployee = z.infer<typeof updateEmployeeBody>;

export const disableBody = z.object({ handoverToId: z.uuid() });
export const resetPasswordBody = z.object({ newPassword: password() });

export const handoverPreview = z.object({
  items: z.array(
    z.object({
      type: z.string(),
      label: z.object({ 'zh-CN': z.string(), en: z.string() }),
      count: z.number().int(),
    }),
  ),
});
