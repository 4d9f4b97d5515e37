// The module registry: the only place that knows every module. Declarations first, so the permission
// catalogue is complete before anything (built-in roles, route checks) reads it.
import './declarations.ts';
import './customers/index.ts';
import type { RouteDef } from '../platform/http/route.ts';
import { auditRoutes } from './audit/index.ts';
import { authRoutes } from './auth/index.ts';
import { employeeRoutes } from './employees/index.ts';
import { orgRoutes } from './org/index.ts';
import { roleRoutes } from './roles/index.ts';
import { settingsRoutes } from './settings/index.ts';
import { sharingDefaultsRoutes } from './sharing/index.ts';

export const allRoutes: RouteDef[] = [
  ...authRoutes,
  ...orgRoutes,
  ...employeeRoutes,
  ...roleRoutes,
  ...sharingDefaultsRoutes,
  ...settingsRoutes,
  ...auditRoutes,
];
