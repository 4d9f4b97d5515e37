// The module registry: the only place that knows every module. Declarations first, so the permission
// catalogue is complete before anything (built-in roles, route checks) reads it.
import './declarations.ts';
import type { RouteDef } from '../platform/http/route.ts';
import { authRoutes } from './auth/index.ts';

export const allRoutes: RouteDef[] = [...authRoutes];
