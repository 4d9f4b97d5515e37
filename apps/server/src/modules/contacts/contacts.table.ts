import {
  boolean,
  date,
  foreignKey,
  index,
  jsonb,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';
import { customers } from '../customers/customers.table.ts';
import { users } from '../employees/employees.table.ts';

/**
 * Contacts (客户人员): the people at a customer. A contact is visible and writable exactly when its customer
 * is; owner_id follows the customer's owner (set on create, moved with the customer on transfer) and is what
 * birthday reminders go to. Deleting the customer deletes its contacts.
 */
export const contacts = pgTable(
  'contacts',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    ownerId: uuid('owner_id'),
    name: text('name').notNull(),
    title: text('title'),
    mobile: text('mobile'),
    email: text('email'),
    wechat: text('wechat'),
    birthday: date('birthday', { mode: 'string' }),
    /** 关键联系人 */
    isKey: boolean('is_key').notNull().default(false),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.customerId], foreignColumns: [customers.tenantId, customers.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.tenantId, t.ownerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }),
    index('contacts_customer_name_idx').on(t.tenantId, t.customerId, t.name),
    index('contacts_owner_idx').on(t.tenantId, t.ownerId),
    index('contacts_created_by_idx').on(t.tenantId, t.createdBy),
    index('contacts_name_idx').on(t.tenantId, t.name, t.id),
    tenantIsolation('contacts'),
  ],
);
