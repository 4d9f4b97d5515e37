import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from '../../platform/db/columns.ts';

/** Global (not tenant-scoped): one row per registered company. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  logoFile: text('logo_file'),
  fiscalYearStartMonth: integer('fiscal_year_start_month').notNull().default(1),
  currency: text('currency').notNull().default('CNY'),
  /** Bumped by every change to departments, supervisors or roles, so cached org snapshots know they are stale. */
  orgVersion: integer('org_version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
