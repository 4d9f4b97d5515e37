import { z } from 'zod';
import { name } from '../../platform/http/schemas.ts';

export const currencies = ['CNY'] as const;

export const settingsResponse = z.object({
  companyName: z.string(),
  /** Relative URL of the company logo (changes with every upload, so it can be cached), or null. */
  logoUrl: z.string().nullable(),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  currency: z.enum(currencies),
});
export type Settings = z.input<typeof settingsResponse>;

export const settingsPatch = z.strictObject({
  companyName: name(100).optional(),
  fiscalYearStartMonth: z.number().int().min(1).max(12).optional(),
  currency: z.enum(currencies).optional(),
});

export const logoResponse = z.object({ logoUrl: z.string().nullable() });
