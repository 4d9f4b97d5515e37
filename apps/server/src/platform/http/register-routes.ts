import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../access/actor.ts';
import { AuditWriter } from '../audit/audit.ts';
import { loadActor } from '../auth/load-actor.ts';
import { readToken } from '../auth/read-token.ts';
import { CSRF_HEADER } from '../auth/tokens.ts';
import { AppError, forbidden } from '../errors/errors.ts';
import { pickLocale } from '../i18n/i18n.ts';
import { errorBody } from './error-schema.ts';
import { isWrite, type PrivateRoute, type PublicRoute, type RouteDef } from './route.ts';
import type { Services } from './services.ts';

/**
 * The one enforcement point. For every route: authenticate, check the grant, (inputs were validated by
 * the schemas), open the tenant-bound transaction as the RLS-bound role, run the handler, write the audit
 * entries of writes, commit. Handlers never check roles or tenants themselves.
 */
export function registerRoutes(app: FastifyInstance, services: Services, routes: RouteDef[]): void {
  const { db } = services.database;
  for (const route of routes) {
    if (isWrite(route.method) && route.permission !== 'public' && !route.audit) {
      throw new Error(`write route ${route.method} ${route.url} must declare its audit object type`);
    }
    const status = route.status ?? 200;
    app.route({
      method: route.method,
      url: route.url,
      schema: {
        summary: route.summary,
        tags: route.tags,
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { querystring: route.query } : {}),
        ...(route.body && !route.multipart ? { body: route.body } : {}),
        ...(route.multipart ? { consumes: ['multipart/form-data'] } : {}),
        ...(route.permission === 'public' ? {} : { security: [{ bearer: [] }, { cookie: [] }] }),
        response: { [status]: route.response, '4XX': errorBody },
      },
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const locale = pickLocale(req.headers['accept-language']);
        const input = { params: req.params, query: req.query, body: req.body };
        reply.code(status);
        if (route.permission === 'public') {
          return (route as PublicRoute<unknown, unknown, unknown, z.ZodType>).handler(
            { locale, services, req, reply },
            input as never,
          );
        }
        const credentials = readToken(req);
        if (!credentials) throw new AppError(401, 'common.unauthenticated');
        const committed: Array<() => Promise<void>> = [];
        const afterCommit = (fn: () => Promise<void>) => void committed.push(fn);
        const result = await db.transaction(async (tx) => {
          const session = await loadActor(tx, credentials.token, credentials.via, locale);
          if (!session) throw new AppError(401, 'common.unauthenticated');
          const { actor } = session;
          if (credentials.via === 'cookie' && isWrite(route.method) && req.headers[CSRF_HEADER] !== session.csrfToken) {
            throw new AppError(403, 'common.csrf');
          }
          if (route.permission !== 'authenticated' && !can(actor, route.permission)) throw forbidden();
          const extra =
            (route as PrivateRoute<unknown, unknown, unknown, z.ZodType>).alsoRequires?.(input as never) ?? [];
          if (extra.some((p) => !can(actor, p))) throw forbidden();
          // loadActor has bound the transaction to the actor's tenant, as the app role (row-level security).
          const audit = new AuditWriter(actor.tenantId, actor.userId, `${route.method} ${route.url}`);
          const result = await (route as PrivateRoute<unknown, unknown, unknown, z.ZodType>).handler(
            { actor, tx, locale, audit, services, req, reply, afterCommit },
            input as never,
          );
          if (isWrite(route.method) && route.audit) {
            if (audit.isEmpty) {
              const recordId = (req.params as { id?: string })?.id ?? (result as { id?: string } | null)?.id ?? null;
              audit.record({ ...route.audit, recordId: z.uuid().safeParse(recordId).success ? recordId : null });
            }
            await audit.flush(tx);
          }
          return result;
        });
        // The data is committed: side effects may run now. They cannot undo the request, so a failure is logged.
        for (const fn of committed) await fn().catch((err) => req.log.error({ err }, 'after-commit step failed'));
        return result;
      },
    });
  }
}
