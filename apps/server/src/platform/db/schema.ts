// Every drizzle table, for migrations and typed queries. Modules add their tables here.
export * from '../../modules/attachments/attachments.table.ts';
export * from '../../modules/auth/auth.table.ts';
export * from '../../modules/contacts/contacts.table.ts';
export * from '../../modules/customers/customers.table.ts';
export * from '../../modules/customfields/customfields.table.ts';
export * from '../../modules/employees/employees.table.ts';
export * from '../../modules/followups/followups.table.ts';
export * from '../../modules/imports/imports.table.ts';
export * from '../../modules/org/org.table.ts';
export * from '../../modules/pools/pools.table.ts';
export * from '../../modules/roles/roles.table.ts';
export * from '../../modules/sharing/sharing.table.ts';
export * from '../../modules/tenants/tenants.table.ts';
export * from '../audit/audit.table.ts';
export * from '../jobs/jobs.table.ts';
export * from '../outbox/outbox.table.ts';
