import {
  foreignKey,
  index,
  integer,
  jsonb,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';
import { users } from '../employees/employees.table.ts';

export const importStatuses = ['uploaded', 'queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One import (导入) of a file: uploaded → queued (mapping and options chosen) → running → done | failed.
 * The parsed rows sit next to the uploaded file under DATA_DIR (storage_key); the counters are updated after
 * every committed batch, so the progress bar and a resumed job both read them.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    objectType: text('object_type').notNull().default('customer'),
    createdBy: uuid('created_by').notNull(),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    /** The parsed rows as JSON, in the database so whichever process picks the job up can read them. */
    sheet: text('sheet').notNull(),
    headers: jsonb('headers').$type<string[]>().notNull(),
    rowCount: integer('row_count').notNull(),
    status: text('status', { enum: importStatuses }).notNull().default('uploaded'),
    mapping: jsonb('mapping').$type<Record<string, string | null>>(),
    options: jsonb('options').$type<Record<string, unknown>>(),
    /** The starting user's grants and scopes when the import was started (the job acts for them). */
    actor: jsonb('actor').$type<Record<string, unknown>>(),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    error: text('error'),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.createdBy], foreignColumns: [users.tenantId, users.id] }),
    index('import_jobs_created_by_idx').on(t.tenantId, t.createdBy, t.createdAt),
    tenantIsolation('import_jobs'),
  ],
);

/** Rows of an import that were rejected (failed) or skipped as duplicates, with the original cells and why. */
export const importRows = pgTable(
  'import_rows',
  {
    tenantId: tenantIdColumn(),
    jobId: uuid('job_id').notNull(),
    /** The row's number in the file as a spreadsheet shows it (the header is row 1). */
    rowNumber: integer('row_number').notNull(),
    outcome: text('outcome', { enum: ['failed', 'skipped'] }).notNull(),
    cells: jsonb('cells').$type<string[]>().notNull(),
    reason: text('reason').notNull(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.jobId, t.rowNumber] }),
    foreignKey({ columns: [t.tenantId, t.jobId], foreignColumns: [importJobs.tenantId, importJobs.id] }).onDelete(
      'cascade',
    ),
    tenantIsolation('import_rows'),
  ],
);
