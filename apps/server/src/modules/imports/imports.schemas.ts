import { z } from 'zod';
import { importStatuses } from './imports.table.ts';

export const DUPLICATE_KEYS = ['name', 'phone', 'email', 'creditCode'] as const;
export type DuplicateKey = (typeof DUPLICATE_KEYS)[number];

export const importOptions = z.strictObject({
  cleaning: z
    .strictObject({
      trim: z.boolean().default(true),
      fullWidth: z.boolean().default(true),
      phones: z.boolean().default(true),
      emails: z.boolean().default(true),
    })
    .default({ trim: true, fullWidth: true, phones: true, emails: true }),
  /** skip: leave matches alone; update: fill the match with the row's non-empty values; create: add anyway. */
  duplicateMode: z.enum(['skip', 'update', 'create']).default('skip'),
  duplicateKeys: z.array(z.enum(DUPLICATE_KEYS)).max(4).default(['name', 'creditCode']),
  /** Owner of new customers when the row names none (default: the caller). */
  ownerId: z.uuid().optional(),
  /** Straight into this public pool (owner null); a 负责人 column is then ignored. */
  poolId: z.uuid().optional(),
});
export type ImportOptions = z.output<typeof importOptions>;

export const startBody = z.strictObject({
  /** header → field (name, phone, …, owner, custom.<key>) or null to ignore the column. */
  mapping: z.record(z.string(), z.string().max(80).nullable()),
  options: importOptions.default({
    cleaning: { trim: true, fullWidth: true, phones: true, emails: true },
    duplicateMode: 'skip',
    duplicateKeys: ['name', 'creditCode'],
  }),
});
export type StartBody = z.output<typeof startBody>;

export const uploadResponse = z.object({
  id: z.uuid(),
  fileName: z.string(),
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  suggestedMapping: z.record(z.string(), z.string().nullable()),
  rowCount: z.number().int(),
});

export const importJob = z.object({
  id: z.uuid(),
  fileName: z.string(),
  status: z.enum(importStatuses),
  rowCount: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export type ImportJobView = z.infer<typeof importJob>;

export const fieldCatalog = z.object({
  items: z.array(z.object({ value: z.string(), label: z.string(), required: z.boolean() })),
});
