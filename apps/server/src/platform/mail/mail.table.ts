import { index, type PgTableExtraConfigValue, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation } from '../db/columns.ts';

export const outboxStatuses = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/**
 * Every e-mail the system sends, one row per recipient: queued by a request, delivered by the
 * 'mail.deliver' job, with its status and error. With no SMTP server configured the "log" mailer marks rows
 * sent without delivering, so this table is then the record of what would have gone out.
 * batch_id groups the rows of one mass mailing; record_type / record_id name what the recipient is (a contact …).
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    batchId: uuid('batch_id').notNull(),
    recordType: text('record_type'),
    recordId: uuid('record_id'),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('queued'),
    error: text('error'),
    /** Which mailer handled it: 'smtp' or 'log'. */
    transport: text('transport'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('mail_outbox_batch_idx').on(t.tenantId, t.batchId, t.status),
    tenantIsolation('mail_outbox'),
  ],
);
