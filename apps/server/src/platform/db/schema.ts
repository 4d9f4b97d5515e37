// Every drizzle table, for migrations and typed queries. Modules add their tables here.
export * from '../../modules/auth/auth.table.ts';
export * from '../../modules/customers/customers.table.ts';
export * from '../../modules/employees/employees.table.ts';
export * from '../../modules/org/org.table.ts';
export * from '../../modules/roles/roles.table.ts';
export * from '../../modules/sharing/sharing.table.ts';
export * from '../../modules/tenants/tenants.table.ts';
export * from '../audit/audit.table.ts';
export * from '../jobs/jobs.table.ts';
