import { z } from 'zod';
import { name } from '../../platform/http/schemas.ts';
import { customFieldTypes, customObjectTypes } from './customfields.table.ts';

/** A user-given key: starts with a letter; letters, digits and underscores. Generated keys look like f_k3x9q2. */
export const fieldKey = () =>
  z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'customfields.key_format' });

const option = z.string().trim().min(1).max(100);
const options = z
  .array(option)
  .max(200)
  .refine((list) => new Set(list).size === list.length, { message: 'customfields.duplicate_option' });

export const customField = z.object({
  id: z.uuid(),
  objectType: z.enum(customObjectTypes),
  key: z.string(),
  label: z.string(),
  type: z.enum(customFieldTypes),
  required: z.boolean(),
  options: z.array(z.string()),
  sortOrder: z.number().int(),
});
export type CustomField = z.output<typeof customField>;

export const customFieldList = z.object({ items: z.array(customField) });

export const listQuery = z.object({ objectType: z.enum(customObjectTypes).optional() });

export const createBody = z.strictObject({
  objectType: z.enum(customObjectTypes),
  label: name(50),
  type: z.enum(customFieldTypes),
  /** Omit for a generated key; fixed once created (values are stored under it). */
  key: fieldKey().optional(),
  required: z.boolean().default(false),
  options: options.default([]),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});
export type CreateBody = z.output<typeof createBody>;

/** Key, type and record type never change: the stored values depend on them. */
export const patchBody = z.strictObject({
  label: name(50).optional(),
  required: z.boolean().optional(),
  options: options.optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});
export type PatchBody = z.output<typeof patchBody>;
