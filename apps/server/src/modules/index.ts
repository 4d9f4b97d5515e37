// The module registry: the only place that knows every module. Declarations first, so the permission
// catalogue is complete before anything (built-in roles, route checks) reads it.
import './declarations.ts';
import './customers/index.ts';
import type { RouteDef } from '../platform/http/route.ts';
import type { Services } from '../platform/http/services.ts';
import { registerOutboxJobs } from '../platform/outbox/outbox.ts';
import { approvalRoutes } from './approvals/index.ts';
import { attachmentRoutes } from './attachments/index.ts';
import { auditRoutes } from './audit/index.ts';
import { authRoutes } from './auth/index.ts';
import { contactRoutes } from './contacts/index.ts';
import { dedupeRoutes } from './customers/customers.dedupe.routes.ts';
import { customerRoutes } from './customers/index.ts';
import { customFieldRoutes } from './customfields/index.ts';
import { employeeRoutes } from './employees/index.ts';
import { followUpRoutes } from './followups/index.ts';
import { forecastRoutes } from './forecast/index.ts';
import { importRoutes, registerImportJobs } from './imports/index.ts';
import { leadsRoutes } from './leads/index.ts';
import { opportunitiesRoutes } from './opportunities/index.ts';
import { orgRoutes } from './org/index.ts';
import { poolRoutes, registerPoolJobs } from './pools/index.ts';
import { productRoutes } from './products/index.ts';
import { quotesRoutes } from './quotes/index.ts';
import { reminderRoutes } from './reminders/index.ts';
import { roleRoutes } from './roles/index.ts';
import { searchRoutes } from './search/index.ts';
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
  ...dedupeRoutes,
  ...customFieldRoutes,
  ...searchRoutes,
  ...customerRoutes,
  ...poolRoutes,
  ...contactRoutes,
  ...followUpRoutes,
  ...attachmentRoutes,
  ...reminderRoutes,
  ...importRoutes,
  ...productRoutes,
  ...leadsRoutes,
  ...opportunitiesRoutes,
  ...forecastRoutes,
  ...approvalRoutes,
  ...quotesRoutes,
];

/** Job workers and schedules of every module; boot() registers them before the job runner starts. */
export const moduleJobs: Array<(services: Services) => void> = [
  registerOutboxJobs,
  registerPoolJobs,
  registerImportJobs,
];
