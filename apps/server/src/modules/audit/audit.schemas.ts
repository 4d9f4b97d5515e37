import { z } from 'zod';
import { historyEntry } from '../../platform/audit/history-route.ts';
import { listQuery, page } from '../../platform/http/schemas.ts';

/** A calendar date (read in China Standard Time, UTC+8) or a full ISO timestamp with offset. */
const dateOrTimestamp = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const auditQuery = listQuery.extend({
  objectType: z.string().max(50).optional(),
  actorId: z.uuid().optional(),
  recordId: z.uuid().optional(),
  /** Inclusive start. */
  from: dateOrTimestamp.optional(),
  /** Inclusive end: a date covers that whole day. */
  to: dateOrTimestamp.optional(),
});

export const auditEntry = historyEntry.extend({
  objectType: z.string(),
  recordId: z.uuid().nullable(),
  route: z.string().nullable(),
});

export const auditPage = page(auditEntry);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant a query bound stands for; a date-only `to` ends at the start of the next day (exclusive). */
export function boundInstant(value: string, edge: 'from' | 'to'): Date {
  if (!DATE_ONLY.test(value)) return new Date(value);
  const start = new Date(`${value}T00:00:00+08:00`);
  return edge === 'from' ? start : new Date(start.getTime() + DAY_MS);
}
