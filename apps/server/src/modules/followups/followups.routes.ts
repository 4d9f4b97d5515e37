import { historyRoute } from '../../platform/audit/history-route.ts';
import { notFound } from '../../platform/errors/errors.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { emptyResponse, idParams, listQuery, page } from '../../platform/http/schemas.ts';
import { customerAccess } from '../contacts/contacts.policy.ts';
import { customerTimeline, findVisibleFollowUp } from './followups.queries.ts';
import { createFollowUpBody, followUp, updateFollowUpBody } from './followups.schemas.ts';
import { createFollowUp, deleteFollowUp, updateFollowUp } from './followups.service.ts';

const tags = ['follow-ups'];
const audit = (action: string) => ({ objectType: 'follow_up', action });

export const followUpRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/customers/:id/follow-ups',
    permission: 'followups.view',
    summary: 'The follow-up timeline of one customer (跟进记录), newest first, with attachments',
    tags,
    params: idParams,
    query: listQuery,
    response: page(followUp),
    handler: async (ctx, { params, query }) => {
      if ((await customerAccess(ctx.tx, ctx.actor, params.id)).access === 'none') throw notFound();
      return customerTimeline(ctx.tx, ctx.actor, params.id, query);
    },
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/follow-ups/:id',
    permission: 'followups.view',
    summary: 'One follow-up',
    tags,
    params: idParams,
    response: followUp,
    handler: (ctx, { params }) => findVisibleFollowUp(ctx.tx, ctx.actor, params.id),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/follow-ups',
    permission: 'followups.create',
    summary: "Record a follow-up on a customer the caller may change; updates the customer's last follow-up time",
    tags,
    body: createFollowUpBody,
    response: followUp,
    status: 201,
    audit: audit('create'),
    handler: (ctx, { body }) => createFollowUp(ctx, body),
  }),

  defineRoute({
    method: 'PATCH',
    url: '/api/v1/follow-ups/:id',
    permission: 'followups.edit',
    summary: 'Edit a follow-up',
    tags,
    params: idParams,
    body: updateFollowUpBody,
    response: followUp,
    audit: audit('update'),
    handler: (ctx, { params, body }) => updateFollowUp(ctx, params.id, body),
  }),

  defineRoute({
    method: 'DELETE',
    url: '/api/v1/follow-ups/:id',
    permission: 'followups.delete',
    summary: 'Delete a follow-up (and its files)',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: audit('delete'),
    handler: async (ctx, { params }) => {
      await deleteFollowUp(ctx, params.id);
      return null;
    },
  }),

  historyRoute({
    url: '/api/v1/follow-ups/:id/history',
    objectType: 'follow_up',
    permission: 'followups.view',
    tags,
    isVisible: async (ctx, id) => Boolean(await findVisibleFollowUp(ctx.tx, ctx.actor, id).catch(() => null)),
  }),
];
