import {
  boolean,
  index,
  integer,
  jsonb,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';

/** Record types that carry custom fields; later modules (leads, opportunities …) add theirs here. */
export const customObjectTypes = ['customer', 'contact'] as const;
export type CustomObjectType = (typeof customObjectTypes)[number];

/** The table whose `custom` jsonb column holds the values of each record type. */
export const customValueTables: Record<CustomObjectType, string> = { customer: 'customers', contact: 'contacts' };

export const customFieldTypes = [
  'text',
  'number',
  'money',
  'date',
  'select',
  'multiselect',
  'phone',
  'email',
  'user',
  'attachment',
] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

/**
 * Custom fields (自定义字段) a tenant adds to a record type. Values live in the record's `custom` jsonb
 * column under `key`, which never changes once created. Deleting a field sets deleted_at: it disappears from
 * forms, lists and writes, its values are removed from the records, and the key is never handed out again.
 */
export const customFields = pgTable(
  'custom_fields',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    objectType: text('object_type', { enum: customObjectTypes }).notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type', { enum: customFieldTypes }).notNull(),
    required: boolean('required').notNull().default(false),
    /** For select / multiselect: the allowed values, in display order. */
    options: jsonb('options').$type<string[]>().notNull().default([]),
    sortOrder: integer('sort_order').notNull().default(0),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('custom_fields_key_uq').on(t.tenantId, t.objectType, t.key),
    index('custom_fields_order_idx').on(t.tenantId, t.objectType, t.sortOrder),
    tenantIsolation('custom_fields'),
  ],
);
