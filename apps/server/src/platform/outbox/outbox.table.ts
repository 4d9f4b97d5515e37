import { index, type PgTableExtraConfigValue, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation } from '../db/columns.ts';

export const outboxChannels = ['email', 'sms'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];

export const outboxStatuses = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/**
 * Every message the system sends out (e-mail, SMS), one row per recipient: queued in a request's transaction,
 * delivered by the 'outbox.deliver' job through the channel's sender (SMTP or the log mailer for e-mail, the
 * configured SmsProvider for SMS), with its status and error. With no SMTP server or SMS gateway configured
 * the rows are marked sent without delivery, so this table is then the record of what would have gone out.
 * batch_id groups the rows of one mass mailing (one channel per batch); record_type / record_id name what the
 * recipient is (a contact …).
 */
export const outbox = pgTable(
  'outbox',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    batchId: uuid('batch_id').notNull(),
    channel: text('channel', { enum: outboxChannels }).notNull(),
    recordType: text('record_type'),
    recordId: uuid('record_id'),
    /** An e-mail address or a mobile number, by channel. */
    to: text('to').notNull(),
    /** E-mail only. */
    subject: text('subject'),
    body: text('body').notNull(),
    status: text('status', { enum: outboxStatuses }).notNull().default('queued'),
    error: text('error'),
    /** Which sender handled it: 'smtp' or 'log' for e-mail, the SMS provider's name ('local' …). */
    sender: text('sender'),
    /** The id the SMS gateway gave the message, when it gives one. */
    senderMessageId: text('sender_message_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('outbox_batch_idx').on(t.tenantId, t.batchId, t.status),
    tenantIsolation('outbox'),
  ],
);
