import { index, type PgTableExtraConfigValue, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation } from '../db/columns.ts';
import { outboxStatuses } from '../mail/mail.table.ts';

/**
 * Every SMS the system sends, one row per recipient, delivered by the 'sms.deliver' job through the configured
 * SmsProvider. The default "local" provider delivers nothing: this table is then the record of the messages.
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    batchId: uuid('batch_id').notNull(),
    recordType: text('record_type'),
    recordId: uuid('record_id'),
    to: text('to').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('queued'),
    error: text('error'),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('sms_outbox_batch_idx').on(t.tenantId, t.batchId, t.status),
    tenantIsolation('sms_outbox'),
  ],
);
