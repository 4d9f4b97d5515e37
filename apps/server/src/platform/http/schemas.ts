import { z } from 'zod';

/** Shared schema pieces so every module validates the same things the same way. */
export const id = () => z.uuid();
export const idParams = z.object({ id: z.uuid() });
export const name = (max = 100) => z.string().trim().min(1).max(max);
export const optionalText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
export const email = () => z.string().trim().toLowerCase().pipe(z.email().max(254));
/** Mainland mobile numbers: 11 digits starting with 1; spaces, dashes and a +86 prefix are tolerated. */
export const mobile = () =>
  z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s-]/g, '').replace(/^(\+?86)/, ''))
    .pipe(z.string().regex(/^1[3-9]\d{9}$/, { message: 'field.invalid_mobile' }));
export const password = () => z.string().min(8).max(128);

/** List queries: keyset pagination. */
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}
/** A cursor the client mangled is a 400 like any other bad input, never a 500. */
export function decodeCursor(cursor: string | undefined): unknown[] | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v)) return v;
  } catch {}
  return undefined;
}

export const emptyResponse = z.null();
