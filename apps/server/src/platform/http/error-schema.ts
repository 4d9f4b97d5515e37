import { z } from 'zod';

/** The one error shape: {"error": {"code", "message", "fields?", …details}} (details: e.g. "duplicates" of a 409). */
export const errorBody = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
