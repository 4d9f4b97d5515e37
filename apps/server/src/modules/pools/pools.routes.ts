import { z } from 'zod';
import { historyRoute } from '../../platform/audit/history-route.ts';
import { businessNow } from '../../platform/clock.ts';
import { defineRoute, type RequestContext } from '../../platform/http/route.ts';
import { emptyResponse, idParams, page } from '../../platform/http/schemas.ts';
import { applyOnePoolRules, type PlannedHit, planPoolRules } from './pools.apply.ts';
import { assignCustomers, claimCustomer } from './pools.claim.ts';
import { listPoolCustomers, ruleReason } from './pools.customers.ts';
import { findVisiblePool, listVisiblePools } from './pools.queries.ts';
import { returnToPool } from './pools.return.ts';
import {
  applyResult,
  assignBody,
  assignResult,
  claimBody,
  claimResult,
  createPoolBody,
  dryRunQuery,
  dryRunResult,
  pool,
  poolCustomer,
  poolCustomersQuery,
  returnBody,
  returnResult,
  updatePoolBody,
} from './pools.schemas.ts';
import { createPool, deletePool, updatePool } from './pools.service.ts';

const tags = ['pools'];
const audit = (action: string, objectType = 'pool') => ({ objectType, action });

/** Exactly what applying the rules on asOf would do to this pool's customers, with readable reasons. */
async function dryRun(ctx: RequestContext, poolId: string, asOf: Date) {
  await findVisiblePool(ctx.tx, ctx.actor, poolId, { counts: false });
  const plan = (await planPoolRules(ctx.tx, ctx.actor.tenantId, asOf)).find((p) => p.pool.id === poolId);
  const readable = (h: PlannedHit) => ({ ...h, reason: ruleReason(ctx.locale, h.rule, h.days) });
  return { asOf, moves: (plan?.moves ?? []).map(readable), warnings: (plan?.warnings ?? []).map(readable) };
}

export const poolRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/pools',
    permission: 'pools.view',
    summary: 'Public pools (公海) the caller uses: those of their department or above it; all with pools.manage',
    tags,
    response: z.object({ items: z.array(pool) }),
    handler: async (ctx) => ({ items: await listVisiblePools(ctx.tx, ctx.actor) }),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/pools/:id',
    permission: 'pools.view',
    summary: 'One pool with its rules and limits',
    tags,
    params: idParams,
    response: pool,
    handler: (ctx, { params }) => findVisiblePool(ctx.tx, ctx.actor, params.id),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/pools',
    permission: 'pools.manage',
    summary: 'Create a pool for chosen departments, with its move-in rules and claim limits',
    tags,
    body: createPoolBody,
    response: pool,
    status: 201,
    audit: audit('create'),
    handler: (ctx, { body }) => createPool(ctx, body),
  }),

  defineRoute({
    method: 'PATCH',
    url: '/api/v1/pools/:id',
    permission: 'pools.manage',
    summary: 'Change a pool: name, departments, rules (each part optional), limits',
    tags,
    params: idParams,
    body: updatePoolBody,
    response: pool,
    audit: audit('update'),
    handler: (ctx, { params, body }) => updatePool(ctx, params.id, body),
  }),

  defineRoute({
    method: 'DELETE',
    url: '/api/v1/pools/:id',
    permission: 'pools.manage',
    summary: 'Delete an empty pool (409 pools.not_empty while it holds customers)',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: audit('delete'),
    handler: async (ctx, { params }) => {
      await deletePool(ctx, params.id);
      return null;
    },
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/pools/:id/customers',
    permission: 'pools.view',
    summary: "A pool's customers with their last owner and why they came in; keyset-paginated, searchable by name",
    tags,
    params: idParams,
    query: poolCustomersQuery,
    response: page(poolCustomer),
    handler: async (ctx, { params, query }) => {
      await findVisiblePool(ctx.tx, ctx.actor, params.id, { counts: false });
      return listPoolCustomers(ctx.tx, ctx.actor.tenantId, params.id, query, ctx.locale);
    },
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/pools/:id/claim',
    permission: 'pools.claim',
    summary: 'Claim (领取) a pool customer; 409 when someone was faster or a daily/owned/cooldown limit applies',
    tags,
    params: idParams,
    body: claimBody,
    response: claimResult,
    audit: audit('claim', 'customer'),
    handler: (ctx, { params, body }) => claimCustomer(ctx, params.id, body.customerId),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/pools/:id/assign',
    permission: 'pools.assign',
    summary: 'Assign pool customers to a member of the pool; all of them or none',
    tags,
    params: idParams,
    body: assignBody,
    response: assignResult,
    audit: audit('assign_from_pool', 'customer'),
    handler: (ctx, { params, body }) => assignCustomers(ctx, params.id, body.customerIds, body.toUserId),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/customers/:id/return',
    permission: 'pools.view',
    summary: 'Return (退回公海) an owned customer to a pool of its owner, with a reason',
    tags,
    params: idParams,
    body: returnBody,
    response: returnResult,
    audit: audit('return_to_pool', 'customer'),
    handler: (ctx, { params, body }) => returnToPool(ctx, params.id, body.poolId, body.reason),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/pools/:id/dry-run',
    permission: 'pools.manage',
    summary: 'Which customers the rules would move into this pool on asOf (default: today), and which get a warning',
    tags,
    params: idParams,
    query: dryRunQuery,
    response: dryRunResult,
    handler: (ctx, { params, query }) => dryRun(ctx, params.id, query.asOf ? new Date(query.asOf) : businessNow()),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/pools/:id/apply',
    permission: 'pools.manage',
    summary:
      "Apply this pool's rules now (立即执行规则): move in what the dry-run shows, without waiting for the daily job",
    tags,
    params: idParams,
    response: applyResult,
    audit: audit('apply_rules'),
    handler: (ctx, { params }) => applyOnePoolRules(ctx, params.id, businessNow()),
  }),

  historyRoute({
    url: '/api/v1/pools/:id/history',
    objectType: 'pool',
    permission: 'pools.manage',
    tags,
    isVisible: async (ctx, id) => Boolean(await findVisiblePool(ctx.tx, ctx.actor, id).catch(() => null)),
  }),
];
