import {
  foreignKey,
  index,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { customers } from '../customers/customers.table.ts';
import { users } from '../employees/employees.table.ts';

export const followUpKinds = ['call', 'visit', 'email', 'sms', 'wechat', 'note'] as const;
export type FollowUpKind = (typeof followUpKinds)[number];

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Follow-ups (跟进记录 / 行动历史): calls, visits (拜访), e-mails, SMS, WeChat and notes on a customer,
 * optionally with one of its contacts. The customer's last_follow_up_at and next_contact_at are derived
 * from these rows and recomputed on every write. Deleting the customer deletes its follow-ups.
 */
export const followUps = pgTable(
  'follow_ups',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    kind: text('kind', { enum: followUpKinds }).notNull(),
    content: text('content').notNull(),
    at: ts('at').notNull(),
    nextContactAt: ts('next_contact_at'),
    authorId: uuid('author_id').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
    foreignKey({ columns: [t.tenantId, t.authorId], foreignColumns: [users.tenantId, users.id] }),
    // The timeline (newest first, keyset) and the max(at) recompute both read this index.
    index('follow_ups_customer_at_idx').on(t.tenantId, t.customerId, t.at, t.id),
    index('follow_ups_contact_idx').on(t.tenantId, t.contactId),
    index('follow_ups_author_idx').on(t.tenantId, t.authorId),
    tenantIsolation('follow_ups'),
  ],
);
