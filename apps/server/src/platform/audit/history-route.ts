import { z } from 'zod';
import { notFound } from '../errors/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { defineRoute } from '../http/route.ts';
import { idParams, listQuery, page } from '../http/schemas.ts';
import { queryAudit } from './audit.ts';

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
      const filters = { objectType: opts.objectType, recordId: params.id };
      return queryAudit(ctx.tx, ctx.actor.tenantId, filters, query.limit, query.cursor);
    },
  });
}
