import { queryAudit } from '../../platform/audit/audit.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { auditPage, auditQuery, boundInstant } from './audit.schemas.ts';

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/audit',
    permission: 'audit.view',
    summary: 'The audit trail (操作日志), newest first, filtered by object type, actor, record and dates',
    tags: ['audit'],
    query: auditQuery,
    response: auditPage,
    handler: async ({ tx, actor }, { query }) => {
      const filters = {
        objectType: query.objectType,
        actorId: query.actorId,
        recordId: query.recordId,
        from: query.from ? boundInstant(query.from, 'from') : undefined,
        to: query.to ? boundInstant(query.to, 'to') : undefined,
        toExclusive: query.to?.length === 10,
      };
      return queryAudit(tx, actor.tenantId, filters, query.limit, query.cursor);
    },
  }),
];
