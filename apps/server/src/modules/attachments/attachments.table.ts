import {
  bigint,
  foreignKey,
  index,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation } from '../../platform/db/columns.ts';
import { users } from '../employees/employees.table.ts';

/**
 * Files attached to a record (附件). record_type names an entry of the attachable registry (customer, contact,
 * follow_up, …); the record's own visibility decides who may list, download, add or remove its files.
 * The bytes live in the tenant's file folder under storage_key, a name the server generated.
 */
export const attachments = pgTable(
  'attachments',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.uploadedBy], foreignColumns: [users.tenantId, users.id] }),
    index('attachments_record_idx').on(t.tenantId, t.recordType, t.recordId, t.createdAt),
    index('attachments_uploaded_by_idx').on(t.tenantId, t.uploadedBy),
    tenantIsolation('attachments'),
  ],
);
