import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantIdColumn, tenantIsolation } from '../db/columns.ts';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/**
 * The audit trail (操作日志). actor_id is deliberately not a foreign key: the trail must outlive
 * whatever it describes, and it is written by the platform, never edited.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    recordId: uuid('record_id'),
    changes: jsonb('changes').$type<FieldChange[]>().notNull().default([]),
    route: text('route'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('audit_log_record_idx').on(t.tenantId, t.objectType, t.recordId, t.at),
    index('audit_log_actor_idx').on(t.tenantId, t.actorId, t.at),
    index('audit_log_at_idx').on(t.tenantId, t.at, t.id),
    tenantIsolation('audit_log'),
  ],
);
