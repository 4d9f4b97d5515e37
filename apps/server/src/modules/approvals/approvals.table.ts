import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';
import { users } from '../employees/employees.table.ts';
import type { FlowDefinition } from './approvals.flow.ts';
import type { ResolvedRoute } from './approvals.route.ts';
import type { ApprovalEvent, ApprovalState, ApprovalStatus } from './approvals.state.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One flow per tenant and document type (审批流程设置); version counts the saves, instances record theirs. */
export const approvalFlows = pgTable(
  'approval_flows',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    documentType: text('document_type').notNull(),
    /** Validated by flowDefinition (approvals.flow.ts) before it is stored. */
    definition: jsonb('definition').$type<FlowDefinition>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('approval_flows_type_idx').on(t.tenantId, t.documentType),
    foreignKey({
      name: 'approval_flows_updated_by_fk',
      columns: [t.tenantId, t.updatedBy],
      foreignColumns: [users.tenantId, users.id],
    }),
    index('approval_flows_updated_by_idx').on(t.tenantId, t.updatedBy),
    tenantIsolation('approval_flows'),
  ],
);

/**
 * One approval of one document (审批单). state is the reducer's state as it is; status, current_step and
 * awaiting_ids are copies of it that the inbox, counts and locks query. A rejected document starts a new
 * instance on its next submission, so at most one instance per document is not rejected.
 */
export const approvalInstances = pgTable(
  'approval_instances',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    documentType: text('document_type').notNull(),
    documentId: uuid('document_id').notNull(),
    flowVersion: integer('flow_version').notNull(),
    status: text('status').$type<ApprovalStatus>().notNull(),
    state: jsonb('state').$type<ApprovalState>().notNull(),
    /** The routing at the latest submission (branch, skipped steps), for the route shown on the document. */
    route: jsonb('route').$type<ResolvedRoute>(),
    /** The document's title and condition fields as they were submitted. */
    title: text('title').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    submitterId: uuid('submitter_id').notNull(),
    currentStep: integer('current_step').notNull().default(0),
    /** Who has to act now (awaiting(state)): 待我审批. */
    awaitingIds: uuid('awaiting_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Everyone on the current round's route: participants, and who a hand-over looks for. */
    approverIds: uuid('approver_ids').array().notNull().default(sql`'{}'::uuid[]`),
    decidedAt: ts('decided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'approval_instances_submitter_fk',
      columns: [t.tenantId, t.submitterId],
      foreignColumns: [users.tenantId, users.id],
    }),
    index('approval_instances_submitter_idx').on(t.tenantId, t.submitterId, t.id),
    index('approval_instances_document_idx').on(t.tenantId, t.documentType, t.documentId),
    uniqueIndex('approval_instances_open_idx')
      .on(t.tenantId, t.documentType, t.documentId)
      .where(sql`status <> 'rejected'`),
    index('approval_instances_awaiting_idx').using('gin', t.awaitingIds),
    index('approval_instances_approvers_idx').using('gin', t.approverIds),
    tenantIsolation('approval_instances'),
  ],
);

export const approvalEventTypes = [
  'submitted',
  'step_started',
  'approved',
  'completed',
  'rejected',
  'returned',
  'withdrawn',
  'commented',
  'reassigned',
] as const;

/** The reducer's events with their time: the history on the document (审批记录). */
export const approvalEvents = pgTable(
  'approval_events',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    instanceId: uuid('instance_id').notNull(),
    type: text('type', { enum: approvalEventTypes }).notNull(),
    /** Null for events of the machine itself (step started, completed). */
    actorId: uuid('actor_id'),
    comment: text('comment'),
    /** The rest of the event (step, round, approver ids, ...). */
    data: jsonb('data').$type<ApprovalEvent>().notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'approval_events_instance_fk',
      columns: [t.tenantId, t.instanceId],
      foreignColumns: [approvalInstances.tenantId, approvalInstances.id],
    }).onDelete('cascade'),
    index('approval_events_instance_idx').on(t.tenantId, t.instanceId, t.id),
    foreignKey({
      name: 'approval_events_actor_fk',
      columns: [t.tenantId, t.actorId],
      foreignColumns: [users.tenantId, users.id],
    }),
    index('approval_events_actor_idx').on(t.tenantId, t.actorId, t.type),
    tenantIsolation('approval_events'),
  ],
);
