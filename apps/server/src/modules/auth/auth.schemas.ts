import { z } from 'zod';
import { email, mobile, name, password } from '../../platform/http/schemas.ts';
import { dataScopes } from '../roles/roles.table.ts';

export const registerBody = z.object({
  companyName: name(100),
  adminName: name(50),
  email: email(),
  mobile: mobile().nullish(),
  password: password(),
});

export const loginBody = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(128),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: password(),
});

export const userSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  departmentId: z.uuid(),
});

export const tenantSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  logoUrl: z.string().nullable(),
  fiscalYearStartMonth: z.number().int(),
  currency: z.string(),
});

export const sessionResponse = z.object({ token: z.string(), user: userSummary, tenant: tenantSummary });

export const meResponse = z.object({
  user: userSummary.extend({ positionTitle: z.string().nullable(), supervisorId: z.uuid().nullable() }),
  tenant: tenantSummary,
  department: z.object({ id: z.uuid(), name: z.string() }),
  roles: z.array(z.object({ id: z.uuid(), name: z.string(), code: z.string().nullable() })),
  isAdmin: z.boolean(),
  permissions: z.array(z.string()),
  scopes: z.record(z.string(), z.enum(dataScopes)),
  csrfToken: z.string().nullable(),
});
