import { z } from 'zod';
import { notFound } from '../errors/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { defineRoute } from '../http/route.ts';
import { decodeCursor, encodeCursor, idParams, listQuery, page } from '../http/schemas.ts';
import { recordHistory } from './audit.ts';

export const historyEntry = z.object({
  id: z.uuid(),
  at: z.date(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});

/**
 * GET <base>/:id/history for one record type (操作日志 on the record). `isVisible` is the module's own
 * visibility check, so the history is readable exactly when the record is.
 */
export function historyRoute(opts: {
  url: string;
  objectType: string;
  permission: string;
  tags: string[];
  isVisible: (ctx: RequestContext, id: string) => Promise<boolean>;
}) {
  return defineRoute({
    method: 'GET',
    url: opts.url,
    permission: opts.permission,
    summary: `History of one ${opts.objectType} (who changed which field, when)`,
    tags: opts.tags,
    params: idParams,
    query: listQuery,
    response: page(historyEntry),
    handler: async (ctx, { params, query }) => {
      if (!(await opts.isVisible(ctx, params.id))) throw notFound();
      const c = decodeCursor(query.cursor);
      const before = c && typeof c[0] === 'string' && typeof c[1] === 'string' ? { at: new Date(c[0]), id: c[1] } : undefined;
      const rows = await recordHistory(ctx.tx, ctx.actor.tenantId, opts.objectType, params.id, query.limit + 1, before);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.at.toISOString(), last.id]) : null,
      };
    },
  });
}
