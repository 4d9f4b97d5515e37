import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { emptyResponse, idParams, listQuery, page } from '../../platform/http/schemas.ts';
import { documentTypes, flowDefinition } from './approvals.flow.ts';
import { approvalDocumentType } from './approvals.registry.ts';
import * as service from './approvals.service.ts';
import { approvalStatuses } from './approvals.state.ts';

const tags = ['approvals'];
const base = '/api/v1/approvals';

const label = z.object({ 'zh-CN': z.string(), en: z.string() });
const person = z.object({ id: z.uuid(), name: z.string() });
const typeParams = z.object({ type: z.enum(documentTypes) });
const documentParams = z.object({ type: z.enum(documentTypes), id: z.uuid() });
const actionType = z.enum(['submit', 'approve', 'reject', 'return', 'withdraw', 'comment']);

const flow = z.object({
  id: z.uuid(),
  definition: z.unknown(),
  enabled: z.boolean(),
  version: z.number().int(),
  updatedBy: z.uuid().nullable(),
  updatedAt: z.date(),
});

const instance = z.object({
  id: z.uuid(),
  documentType: z.string(),
  documentLabel: label,
  documentId: z.uuid(),
  title: z.string(),
  fields: z.record(z.string(), z.unknown()),
  status: z.enum(approvalStatuses),
  round: z.number().int(),
  flowVersion: z.number().int(),
  branchName: z.string().nullable(),
  submitter: person,
  currentStep: z.number().int(),
  steps: z.array(
    z.object({
      name: z.string(),
      mode: z.enum(['any', 'all']),
      approvers: z.array(person),
      decisions: z.array(
        z.object({ userId: z.uuid(), decision: z.enum(['approved', 'rejected', 'returned']), at: z.date() }),
      ),
      state: z.enum(['done', 'current', 'stopped', 'waiting']),
    }),
  ),
  awaiting: z.array(person),
  actions: z.array(actionType),
  events: z.array(
    z.object({
      id: z.uuid(),
      type: z.string(),
      actor: person.nullable(),
      comment: z.string().nullable(),
      at: z.date(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const listItem = z.object({
  id: z.uuid(),
  documentType: z.string(),
  documentLabel: label,
  documentId: z.uuid(),
  title: z.string(),
  status: z.enum(approvalStatuses),
  submitter: person,
  currentStepName: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const listQ = listQuery.extend({ status: z.enum(approvalStatuses).optional() });
const commentBody = z.strictObject({ comment: z.string().trim().max(1000).optional() });
/** Reject and return need a reason: checked by the reducer (400 on comment), so the message is the core's. */
const documentPermission = ({ params }: { params: { type: string } }) => {
  const permission = approvalDocumentType(params.type)?.permission;
  return permission ? [permission] : [];
};

const actRoute = (type: service.ActType, summary: string) =>
  defineRoute({
    method: 'POST',
    url: `${base}/:id/${type}`,
    // Who may act is the route's (the current step's approvers, the submitter): decided by the core.
    permission: 'authenticated',
    summary,
    tags,
    params: idParams,
    body: commentBody,
    response: instance,
    audit: { objectType: 'approval', action: type },
    handler: (ctx, { params, body }) => service.act(ctx, params.id, type, body.comment),
  });

export const approvalRoutes = [
  defineRoute({
    method: 'GET',
    url: `${base}/flows`,
    permission: 'approvals.manage',
    summary: 'Every document type with its approval flow (null when none is set up)',
    tags,
    response: z.object({
      items: z.array(
        z.object({ documentType: z.enum(documentTypes), label, registered: z.boolean(), flow: flow.nullable() }),
      ),
    }),
    handler: async (ctx) => ({ items: await service.listFlows(ctx.tx) }),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/flows/:type`,
    permission: 'approvals.manage',
    summary: 'The approval flow of a document type (null when none is set up)',
    tags,
    params: typeParams,
    response: flow.nullable(),
    handler: (ctx, { params }) => service.getFlow(ctx.tx, params.type),
  }),
  defineRoute({
    method: 'PUT',
    url: `${base}/flows/:type`,
    permission: 'approvals.manage',
    summary: 'Create or replace the approval flow of a document type (a new version; pending approvals keep theirs)',
    tags,
    params: typeParams,
    body: z.strictObject({ enabled: z.boolean().default(true), definition: flowDefinition }),
    response: flow,
    audit: { objectType: 'approval_flow', action: 'update' },
    handler: (ctx, { params, body }) => service.saveFlow(ctx, params.type, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: `${base}/flows/:type`,
    permission: 'approvals.manage',
    summary: 'Remove the approval flow of a document type',
    tags,
    params: typeParams,
    response: emptyResponse,
    audit: { objectType: 'approval_flow', action: 'delete' },
    handler: async (ctx, { params }) => {
      await service.deleteFlow(ctx, params.type);
      return null;
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/inbox`,
    permission: 'authenticated',
    summary: 'Approvals waiting on the caller (待我审批), newest first',
    tags,
    query: listQuery,
    response: page(listItem),
    handler: (ctx, { query }) => service.listInstances(ctx.tx, ctx.actor, 'inbox', query),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/mine`,
    permission: 'authenticated',
    summary: 'Approvals the caller submitted (我发起的), newest first',
    tags,
    query: listQ,
    response: page(listItem),
    handler: (ctx, { query }) => service.listInstances(ctx.tx, ctx.actor, 'mine', query),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/done`,
    permission: 'authenticated',
    summary: 'Approvals the caller has decided on (已处理), newest first',
    tags,
    query: listQ,
    response: page(listItem),
    handler: (ctx, { query }) => service.listInstances(ctx.tx, ctx.actor, 'done', query),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/counts`,
    permission: 'authenticated',
    summary: 'For the workbench: how many wait on the caller, how many of theirs are pending',
    tags,
    response: z.object({ toApprove: z.number().int(), submittedPending: z.number().int() }),
    handler: (ctx) => service.counts(ctx.tx, ctx.actor),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/documents/:type/:id`,
    permission: 'authenticated',
    alsoRequires: documentPermission,
    summary: 'The approval of one document (latest instance with its history), for the document page',
    tags,
    params: documentParams,
    response: z.object({
      documentType: z.string(),
      documentId: z.uuid(),
      title: z.string(),
      flowEnabled: z.boolean(),
      canSubmit: z.boolean(),
      instance: instance.nullable(),
    }),
    handler: (ctx, { params }) => service.documentApproval(ctx, params.type, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: `${base}/documents/:type/:id/submit`,
    permission: 'authenticated',
    alsoRequires: documentPermission,
    summary: 'Submit a document for approval (提交审批), or resubmit after return or withdrawal; routed now',
    tags,
    params: documentParams,
    body: commentBody,
    response: instance,
    audit: { objectType: 'approval', action: 'submit' },
    handler: (ctx, { params, body }) => service.submit(ctx, params.type, params.id, body.comment),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/:id`,
    permission: 'authenticated',
    summary: 'One approval with its route and history (participants, or whoever may see the document)',
    tags,
    params: idParams,
    response: instance,
    handler: (ctx, { params }) => service.getInstance(ctx, params.id),
  }),
  actRoute('approve', 'Approve the current step (同意)'),
  actRoute('reject', 'Reject the document (驳回, final); a comment is required'),
  actRoute('return', 'Return the document for changes (退回修改); a comment is required'),
  actRoute('withdraw', 'Withdraw a pending approval (撤回), by the submitter'),
  actRoute('comment', 'Comment on an approval (评论), by the submitter or anyone on the route'),
];
