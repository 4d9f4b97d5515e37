import { sql } from 'drizzle-orm';
import { pgPolicy, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The tenant key every tenant table leads with. */
export const tenantIdColumn = () => uuid('tenant_id').notNull();

export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/**
 * Row-level security backstop: a row is visible and writable only inside a transaction whose
 * app.tenant_id is its tenant. Unset or empty means no rows (fail closed).
 */
const tenantMatch = sql`tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`;
export const tenantIsolation = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: 'permissive',
    for: 'all',
    to: 'public',
    using: tenantMatch,
    withCheck: tenantMatch,
  });
