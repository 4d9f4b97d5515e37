// Approvals as a working module: flows stored per document type, instances driven by the pure reducer,
// events kept as history. Every rule about who may act lives in approvals.state.ts; this file persists.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { loadOrgSnapshot } from '../../platform/access/org-snapshot.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import type { DocumentType, FlowDefinition } from './approvals.flow.ts';
import {
  type ApprovalDocumentType,
  approvalDocumentType,
  type DecisionContext,
  type DecisionOutcome,
  documentTypeLabels,
  type LoadedDocument,
} from './approvals.registry.ts';
import { type ApprovalOrg, resolveRoute, routeErrorToAppError } from './approvals.route.ts';
import {
  type ApprovalAction,
  type ApprovalEvent,
  type ApprovalState,
  type ApprovalStatus,
  approvalErrorToAppError,
  availableActions,
  awaiting,
  newApproval,
  reduceApproval,
  refusal,
} from './approvals.state.ts';
import { approvalEvents, approvalFlows, approvalInstances } from './approvals.table.ts';

type Instance = typeof approvalInstances.$inferSelect;
/** A uuid[] parameter as its array literal (drizzle would expand a JS array into a list). */
const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

// ---------------------------------------------------------------------------------------------------------------
// Flows (审批流程设置)

export async function listFlows(tx: Tx) {
  const rows = await tx.select().from(approvalFlows);
  const byType = new Map(rows.map((r) => [r.documentType, r]));
  return (Object.keys(documentTypeLabels) as DocumentType[]).map((type) => ({
    documentType: type,
    label: approvalDocumentType(type)?.label ?? documentTypeLabels[type],
    registered: Boolean(approvalDocumentType(type)),
    flow: flowView(byType.get(type)),
  }));
}

export async function getFlow(tx: Tx, type: DocumentType) {
  const [row] = await tx.select().from(approvalFlows).where(eq(approvalFlows.documentType, type));
  return flowView(row);
}

function flowView(row: typeof approvalFlows.$inferSelect | undefined) {
  if (!row) return null;
  const { id, definition, enabled, version, updatedBy, updatedAt } = row;
  return { id, definition, enabled, version, updatedBy, updatedAt };
}

/** Save (create or replace) the flow of a type; every save is a new version. */
export async function saveFlow(
  ctx: RequestContext,
  type: DocumentType,
  input: { enabled: boolean; definition: FlowDefinition },
) {
  const { tx, actor } = ctx;
  if (input.definition.documentType !== type) {
    throw invalidField('definition.documentType', 'approvals.type_mismatch');
  }
  await checkReferences(tx, input.definition);
  const [before] = await tx.select().from(approvalFlows).where(eq(approvalFlows.documentType, type)).for('update');
  let row: typeof approvalFlows.$inferSelect | undefined;
  if (before) {
    [row] = await tx
      .update(approvalFlows)
      .set({
        definition: input.definition,
        enabled: input.enabled,
        version: before.version + 1,
        updatedBy: actor.userId,
        updatedAt: new Date(),
      })
      .where(eq(approvalFlows.id, before.id))
      .returning();
  } else {
    [row] = await tx
      .insert(approvalFlows)
      .values({
        tenantId: actor.tenantId,
        id: newId(),
        documentType: type,
        definition: input.definition,
        enabled: input.enabled,
        updatedBy: actor.userId,
      })
      .returning();
  }
  const audited = (r?: typeof row) => r && { documentType: r.documentType, enabled: r.enabled, version: r.version };
  ctx.audit.record({
    action: before ? 'update' : 'create',
    objectType: 'approval_flow',
    recordId: row!.id,
    before: audited(before) ?? null,
    after: audited(row),
  });
  return flowView(row)!;
}

export async function deleteFlow(ctx: RequestContext, type: DocumentType) {
  const [row] = await ctx.tx.delete(approvalFlows).where(eq(approvalFlows.documentType, type)).returning();
  if (!row) throw notFound();
  ctx.audit.record({ action: 'delete', objectType: 'approval_flow', recordId: row.id });
}

/** Named users and roles must be the tenant's own (and users active): a 400 on the field that names them. */
async function checkReferences(tx: Tx, flow: FlowDefinition) {
  const userIds = new Set<string>();
  const roleIds = new Set<string>();
  for (const branch of flow.branches) {
    for (const step of branch.steps) {
      if (step.approvers.kind === 'users') for (const id of step.approvers.userIds) userIds.add(id);
      if (step.approvers.kind === 'role') roleIds.add(step.approvers.roleId);
      if (step.fallbackUserId) userIds.add(step.fallbackUserId);
    }
  }
  const activeUsers = new Set(
    userIds.size
      ? (
          await tx.execute<{ id: string }>(
            sql`SELECT id FROM users WHERE id = ANY(${uuidArray([...userIds])}::uuid[]) AND status = 'active'`,
          )
        ).rows.map((r) => r.id)
      : [],
  );
  const knownRoles = new Set(
    roleIds.size
      ? (
          await tx.execute<{ id: string }>(sql`SELECT id FROM roles WHERE id = ANY(${uuidArray([...roleIds])}::uuid[])`)
        ).rows.map((r) => r.id)
      : [],
  );
  flow.branches.forEach((branch, b) => {
    branch.steps.forEach((step, s) => {
      const at = `definition.branches.${b}.steps.${s}`;
      const a = step.approvers;
      if (a.kind === 'users' && a.userIds.some((id) => !activeUsers.has(id))) {
        throw invalidField(`${at}.approvers.userIds`, 'approvals.unknown_user');
      }
      if (a.kind === 'role' && !knownRoles.has(a.roleId))
        throw invalidField(`${at}.approvers.roleId`, 'field.not_found');
      if (step.fallbackUserId && !activeUsers.has(step.fallbackUserId)) {
        throw invalidField(`${at}.fallbackUserId`, 'approvals.unknown_user');
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Documents and instances

function documentType(type: string): ApprovalDocumentType {
  const def = approvalDocumentType(type);
  if (!def) throw notFound();
  return def;
}

/** The document as the actor sees it; unknown or invisible is 404. */
async function visibleDocument(ctx: RequestContext, def: ApprovalDocumentType, id: string): Promise<LoadedDocument> {
  const doc = await def.load(ctx.tx, ctx.actor, id);
  if (!doc?.visible) throw notFound();
  return doc;
}

async function latestInstance(tx: Tx, type: string, documentId: string, lock = false) {
  const q = tx
    .select()
    .from(approvalInstances)
    .where(and(eq(approvalInstances.documentType, type), eq(approvalInstances.documentId, documentId)))
    .orderBy(desc(approvalInstances.id))
    .limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

async function routingOrg(tx: Tx, actor: Actor): Promise<ApprovalOrg> {
  const snapshot = await loadOrgSnapshot(tx, actor.tenantId, actor.orgVersion);
  const disabled = await tx.execute<{ id: string }>(sql`SELECT id FROM users WHERE status <> 'active'`);
  const admins = await tx.execute<{ id: string }>(
    sql`SELECT ur.user_id AS id FROM user_roles ur JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id
        WHERE r.code = 'admin' ORDER BY ur.user_id`,
  );
  return {
    ...snapshot,
    disabledUserIds: new Set(disabled.rows.map((r) => r.id)),
    administratorIds: admins.rows.map((r) => r.id),
  };
}

async function roleMembers(tx: Tx, flow: FlowDefinition) {
  const roleIds = [
    ...new Set(
      flow.branches.flatMap((b) => b.steps.flatMap((s) => (s.approvers.kind === 'role' ? [s.approvers.roleId] : []))),
    ),
  ];
  const members = new Map<string, string[]>();
  if (!roleIds.length) return members;
  const rows = await tx.execute<{ roleId: string; userId: string }>(
    sql`SELECT role_id AS "roleId", user_id AS "userId" FROM user_roles WHERE role_id = ANY(${uuidArray(roleIds)}::uuid[])
        ORDER BY user_id`,
  );
  for (const r of rows.rows) members.set(r.roleId, [...(members.get(r.roleId) ?? []), r.userId]);
  return members;
}

/** Submit (提交审批) a document, or resubmit it after 退回 / 撤回: routes it afresh over today's org. */
export async function submit(ctx: RequestContext, type: string, documentId: string, comment?: string) {
  const { tx, actor } = ctx;
  const def = documentType(type);
  const doc = await visibleDocument(ctx, def, documentId);
  const existing = await latestInstance(tx, type, documentId, true);
  const open = existing && existing.status !== 'rejected' ? existing : undefined;
  const state = open ? open.state : newApproval(actor.userId);
  // Who may submit and from which status is the reducer's to say; ask it before routing, so a double submit is
  // a 409 even when the flow has changed meanwhile.
  const refused = refusal(state, actor.userId, 'submit');
  if (refused) throw approvalErrorToAppError(refused);

  const [flow] = await tx
    .select()
    .from(approvalFlows)
    .where(and(eq(approvalFlows.documentType, type), eq(approvalFlows.enabled, true)));
  if (!flow) throw new AppError(422, 'approvals.no_flow');
  const routed = resolveRoute(
    flow.definition,
    doc.fields,
    actor.userId,
    await routingOrg(tx, actor),
    await roleMembers(tx, flow.definition),
  );
  if (!routed.ok) throw routeErrorToAppError(routed.error);
  const result = reduceApproval(state, { type: 'submit', actorId: actor.userId, steps: routed.route.steps });
  if (!result.ok) throw approvalErrorToAppError(result.error);
  const events: ApprovalEvent[] = comment?.trim()
    ? [...result.events, { type: 'commented', actorId: actor.userId, comment: comment.trim() }]
    : result.events;

  const base = {
    flowVersion: flow.version,
    route: routed.route,
    title: doc.title,
    fields: doc.fields,
  };
  let instance: Instance | undefined;
  if (open) {
    instance = await persist(tx, open, result.state, events, base);
  } else {
    const now = new Date();
    [instance] = await tx
      .insert(approvalInstances)
      .values({
        tenantId: actor.tenantId,
        id: newId(),
        documentType: type,
        documentId,
        submitterId: actor.userId,
        ...base,
        ...columnsOf(result.state, now),
      })
      .returning();
    await insertEvents(tx, instance!, events, now);
  }
  ctx.audit.record({ action: 'submit', objectType: 'approval', recordId: instance!.id });
  const decision = { tx, tenantId: actor.tenantId, actorId: actor.userId };
  await def.onSubmitted?.(decision, documentId);
  await afterDecision(def, decision, instance!);
  return instanceView(tx, actor, instance!);
}

export type ActType = 'approve' | 'reject' | 'return' | 'withdraw' | 'comment';

/** Approve, reject, return, withdraw or comment on an instance: the reducer decides who may. */
export async function act(ctx: RequestContext, instanceId: string, type: ActType, comment?: string) {
  const { tx, actor } = ctx;
  const instance = await visibleInstance(ctx, instanceId, true);
  const action = { type, actorId: actor.userId, comment: comment ?? '' } as ApprovalAction;
  const result = reduceApproval(instance.state, action);
  if (!result.ok) throw approvalErrorToAppError(result.error);
  const saved = await persist(tx, instance, result.state, result.events);
  ctx.audit.record({ action: type, objectType: 'approval', recordId: instance.id });
  const def = approvalDocumentType(instance.documentType);
  if (def) await afterDecision(def, { tx, tenantId: actor.tenantId, actorId: actor.userId }, saved, instance.status);
  return instanceView(tx, actor, saved);
}

/** Tell the document module when an instance reached a decision in this change. */
async function afterDecision(def: ApprovalDocumentType, ctx: DecisionContext, after: Instance, before?: string) {
  if (!def.onDecided || after.status === before) return;
  const outcomes: readonly string[] = ['approved', 'rejected', 'returned', 'withdrawn'];
  if (outcomes.includes(after.status)) await def.onDecided(ctx, after.documentId, after.status as DecisionOutcome);
}

function columnsOf(state: ApprovalState, now: Date) {
  const final = state.status === 'approved' || state.status === 'rejected';
  return {
    status: state.status,
    state,
    currentStep: state.currentStep,
    awaitingIds: awaiting(state),
    approverIds: [...new Set(state.steps.flatMap((s) => s.approverIds))],
    decidedAt: final ? now : null,
    updatedAt: now,
  };
}

async function persist(
  tx: Tx,
  instance: Instance,
  state: ApprovalState,
  events: ApprovalEvent[],
  extra: Partial<Instance> = {},
): Promise<Instance> {
  const now = new Date();
  const [row] = await tx
    .update(approvalInstances)
    .set({ ...extra, ...columnsOf(state, now) })
    .where(eq(approvalInstances.id, instance.id))
    .returning();
  await insertEvents(tx, row!, events, now);
  return row!;
}

async function insertEvents(tx: Tx, instance: Instance, events: ApprovalEvent[], at: Date) {
  if (!events.length) return;
  // History reads in id order: ids made in the same millisecond are sorted so they follow the events' order.
  const ids = events.map(() => newId()).sort();
  await tx.insert(approvalEvents).values(
    events.map((e, i) => ({
      tenantId: instance.tenantId,
      id: ids[i]!,
      instanceId: instance.id,
      type: e.type,
      actorId: ('actorId' in e && e.actorId) || null,
      comment: ('comment' in e && e.comment) || null,
      data: e,
      at,
    })),
  );
}

/**
 * An instance the actor may look at: they take part in it (submitter, anyone on the route), or they may see the
 * document. Anything else, another tenant's included, is 404.
 */
async function visibleInstance(ctx: RequestContext, id: string, lock = false): Promise<Instance> {
  const q = ctx.tx.select().from(approvalInstances).where(eq(approvalInstances.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound();
  if (row.submitterId === ctx.actor.userId || row.approverIds.includes(ctx.actor.userId)) return row;
  const def = approvalDocumentType(row.documentType);
  const doc = def && (await def.load(ctx.tx, ctx.actor, row.documentId));
  if (!doc?.visible) throw notFound();
  return row;
}

export async function getInstance(ctx: RequestContext, id: string) {
  return instanceView(ctx.tx, ctx.actor, await visibleInstance(ctx, id));
}

/** The approval of one document, for its page (ApprovalPanel): the latest instance, or none yet. */
export async function documentApproval(ctx: RequestContext, type: string, documentId: string) {
  const def = documentType(type);
  const doc = await visibleDocument(ctx, def, documentId);
  const instance = await latestInstance(ctx.tx, type, documentId);
  const [flow] = await ctx.tx
    .select({ id: approvalFlows.id })
    .from(approvalFlows)
    .where(and(eq(approvalFlows.documentType, type), eq(approvalFlows.enabled, true)));
  const state = instance && instance.status !== 'rejected' ? instance.state : newApproval(ctx.actor.userId);
  return {
    documentType: type,
    documentId,
    title: doc.title,
    flowEnabled: Boolean(flow),
    canSubmit: Boolean(flow) && availableActions(state, ctx.actor.userId).includes('submit'),
    instance: instance ? await instanceView(ctx.tx, ctx.actor, instance) : null,
  };
}

async function userNames(tx: Tx, ids: Iterable<string>) {
  const list = [...new Set(ids)];
  if (!list.length) return new Map<string, string>();
  const rows = await tx.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM users WHERE id = ANY(${uuidArray(list)}::uuid[])`,
  );
  return new Map(rows.rows.map((r) => [r.id, r.name]));
}

async function instanceView(tx: Tx, actor: Actor, instance: Instance) {
  const events = await tx
    .select()
    .from(approvalEvents)
    .where(eq(approvalEvents.instanceId, instance.id))
    .orderBy(approvalEvents.id);
  const state = instance.state;
  const names = await userNames(tx, [
    instance.submitterId,
    ...instance.approverIds,
    ...events.flatMap((e) => (e.actorId ? [e.actorId] : [])),
  ]);
  const person = (id: string) => ({ id, name: names.get(id) ?? '' });
  // Decisions in the current round, per step, for the route display.
  const lastSubmitted = events.findLastIndex((e) => e.type === 'submitted');
  const round = events.slice(Math.max(lastSubmitted, 0));
  const decisionsAt = (step: number) =>
    round.flatMap((e) => {
      const d = e.data;
      if ((d.type === 'approved' || d.type === 'rejected' || d.type === 'returned') && d.step === step) {
        return [{ userId: d.actorId, decision: d.type, at: e.at }];
      }
      return [];
    });
  return {
    id: instance.id,
    documentType: instance.documentType,
    documentLabel: approvalDocumentType(instance.documentType)?.label ??
      documentTypeLabels[instance.documentType as DocumentType] ?? {
        'zh-CN': instance.documentType,
        en: instance.documentType,
      },
    documentId: instance.documentId,
    title: instance.title,
    fields: instance.fields,
    status: instance.status,
    round: state.round,
    flowVersion: instance.flowVersion,
    branchName: instance.route?.branchName ?? null,
    submitter: person(instance.submitterId),
    currentStep: instance.currentStep,
    steps: state.steps.map((s, i) => ({
      name: s.name,
      mode: s.mode,
      approvers: s.approverIds.map(person),
      decisions: decisionsAt(i),
      state:
        i < state.currentStep
          ? ('done' as const)
          : i === state.currentStep && state.status === 'pending'
            ? ('current' as const)
            : i === state.currentStep && (state.status === 'rejected' || state.status === 'returned')
              ? ('stopped' as const)
              : ('waiting' as const),
    })),
    awaiting: instance.awaitingIds.map(person),
    actions: availableActions(state, actor.userId).filter((a): a is Exclude<typeof a, 'reassign'> => a !== 'reassign'),
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      actor: e.actorId ? person(e.actorId) : null,
      comment: e.comment,
      at: e.at,
      data: e.data as unknown as Record<string, unknown>,
    })),
    createdAt: instance.createdAt,
    updatedAt: instance.updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Lists: 待我审批, 我发起的, 已处理; counts for the workbench

export type ListKind = 'inbox' | 'mine' | 'done';

export async function listInstances(
  tx: Tx,
  actor: Actor,
  kind: ListKind,
  query: { limit: number; cursor?: string; status?: string },
) {
  const after = decodeCursor(query.cursor)?.[0];
  const me = actor.userId;
  const where = [
    kind === 'inbox'
      ? sql`i.status = 'pending' AND ${me}::uuid = ANY(i.awaiting_ids)`
      : kind === 'mine'
        ? sql`i.submitter_id = ${me}`
        : sql`i.id IN (SELECT e.instance_id FROM approval_events e
              WHERE e.actor_id = ${me} AND e.type IN ('approved', 'rejected', 'returned'))`,
  ];
  if (query.status) where.push(sql`i.status = ${query.status}`);
  if (typeof after === 'string') where.push(sql`i.id < ${after}::uuid`);
  const rows = await tx.execute<{
    id: string;
    documentType: string;
    documentId: string;
    title: string;
    status: ApprovalStatus;
    submitterId: string;
    submitterName: string;
    state: ApprovalState;
    createdAt: Date | string;
    updatedAt: Date | string;
  }>(sql`
    SELECT i.id, i.document_type AS "documentType", i.document_id AS "documentId", i.title, i.status,
      i.submitter_id AS "submitterId", u.name AS "submitterName", i.state,
      i.created_at AS "createdAt", i.updated_at AS "updatedAt"
    FROM approval_instances i JOIN users u ON u.tenant_id = i.tenant_id AND u.id = i.submitter_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY i.id DESC LIMIT ${query.limit + 1}`);
  const items = rows.rows.slice(0, query.limit).map((r) => ({
    id: r.id,
    documentType: r.documentType,
    documentLabel: approvalDocumentType(r.documentType)?.label ??
      documentTypeLabels[r.documentType as DocumentType] ?? { 'zh-CN': r.documentType, en: r.documentType },
    documentId: r.documentId,
    title: r.title,
    status: r.status,
    submitter: { id: r.submitterId, name: r.submitterName },
    currentStepName: r.status === 'pending' ? (r.state.steps[r.state.currentStep]?.name ?? null) : null,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  }));
  const nextCursor = rows.rows.length > query.limit ? encodeCursor([items.at(-1)!.id]) : null;
  return { items, nextCursor };
}

export async function counts(tx: Tx, actor: Actor) {
  const [row] = (
    await tx.execute<{ toApprove: number; submittedPending: number }>(sql`
    SELECT
      (SELECT count(*)::int FROM approval_instances
        WHERE status = 'pending' AND ${actor.userId}::uuid = ANY(awaiting_ids)) AS "toApprove",
      (SELECT count(*)::int FROM approval_instances
        WHERE status = 'pending' AND submitter_id = ${actor.userId}) AS "submittedPending"`)
  ).rows;
  return { toApprove: Number(row?.toApprove ?? 0), submittedPending: Number(row?.submittedPending ?? 0) };
}

// ---------------------------------------------------------------------------------------------------------------
// For document modules

/** Refuse an edit while the document's approval is pending (审批中锁定): 409 approvals.locked. */
export async function assertNotPending(tx: Tx, type: string, documentId: string): Promise<void> {
  const [row] = await tx
    .select({ id: approvalInstances.id })
    .from(approvalInstances)
    .where(
      and(
        eq(approvalInstances.documentType, type),
        eq(approvalInstances.documentId, documentId),
        eq(approvalInstances.status, 'pending'),
      ),
    )
    .limit(1);
  if (row) throw new AppError(409, 'approvals.locked');
}

/** The approval status of each document that has one (latest instance), for list columns. */
export async function approvalStatus(tx: Tx, type: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .selectDistinctOn([approvalInstances.documentId], {
      documentId: approvalInstances.documentId,
      status: approvalInstances.status,
    })
    .from(approvalInstances)
    .where(and(eq(approvalInstances.documentType, type), inArray(approvalInstances.documentId, [...ids])))
    .orderBy(approvalInstances.documentId, desc(approvalInstances.id));
  return new Map(rows.map((r) => [r.documentId, r.status]));
}

// ---------------------------------------------------------------------------------------------------------------
// Hand-over (离职交接)

const onRouteOf = (userId: string) => sql`status = 'pending' AND ${userId}::uuid = ANY(approver_ids)`;

export async function countHandover(tx: Tx, _tenantId: string, fromUserId: string): Promise<number> {
  const rows = await tx.select().from(approvalInstances).where(onRouteOf(fromUserId));
  return rows.filter((r) => {
    const result = reduceApproval(r.state, { type: 'reassign', actorId: '', fromUserId, toUserId: fromUserId });
    return result.ok && result.events.length > 0;
  }).length;
}

/** The leaver's pending steps go to the successor (reassign in the reducer), each with its history event. */
export async function transferHandover(tx: Tx, tenantId: string, fromUserId: string, toUserId: string) {
  const rows = await tx.select().from(approvalInstances).where(onRouteOf(fromUserId)).for('update');
  for (const row of rows) {
    const result = reduceApproval(row.state, { type: 'reassign', actorId: '', fromUserId, toUserId });
    if (!result.ok || !result.events.length) continue;
    const saved = await persist(tx, row, result.state, result.events);
    const def = approvalDocumentType(row.documentType);
    if (def) await afterDecision(def, { tx, tenantId, actorId: null }, saved, row.status);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders (提醒): what waits on the actor, and recent decisions on what they submitted

export async function pendingFor(tx: Tx, actor: Actor, limit: number) {
  return (
    await tx.execute<{ id: string; title: string; updatedAt: Date | string }>(sql`
    SELECT id, title, updated_at AS "updatedAt" FROM approval_instances
    WHERE status = 'pending' AND ${actor.userId}::uuid = ANY(awaiting_ids)
    ORDER BY id DESC LIMIT ${limit}`)
  ).rows;
}

export async function decidedFor(tx: Tx, actor: Actor, since: Date, limit: number) {
  return (
    await tx.execute<{ id: string; title: string; status: string; updatedAt: Date | string }>(sql`
    SELECT id, title, status, updated_at AS "updatedAt" FROM approval_instances
    WHERE submitter_id = ${actor.userId} AND status IN ('approved', 'rejected', 'returned')
      AND updated_at >= ${since.toISOString()}::timestamptz
    ORDER BY id DESC LIMIT ${limit}`)
  ).rows;
}
