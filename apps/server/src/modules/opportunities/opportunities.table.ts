import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  type PgTableExtraConfigValue,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantIdColumn, tenantIsolation, updatedAt } from '../../platform/db/columns.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { customers } from '../customers/customers.table.ts';
import { users } from '../employees/employees.table.ts';

/**
 * Business types (商机组, 销售流程): each has its own ordered stages and loss reasons, set by administrators.
 */
export const opportunityTypes = pgTable(
  'opportunity_types',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** Loss reasons (输单原因) offered when an opportunity of this type is lost, in display order. */
    lossReasons: text('loss_reasons').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('opportunity_types_name_uq').on(t.tenantId, sql`lower(${t.name})`),
    tenantIsolation('opportunity_types'),
  ],
);

export const stageKinds = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof stageKinds)[number];

/**
 * Stages of a business type. Open stages are ordered by position; every type has exactly one won (赢单, 100%)
 * and one lost (输单, 0%) stage, which sort after the open ones.
 */
export const opportunityStages = pgTable(
  'opportunity_stages',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    typeId: uuid('type_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: stageKinds }).notNull().default('open'),
    position: integer('position').notNull(),
    /** Win probability in whole percent, 0–100. */
    probability: integer('probability').notNull(),
    createdAt: createdAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Target of the opportunities' (tenant, type, stage) key: a stage always belongs to the opportunity's type.
    unique('opportunity_stages_type_id_uq').on(t.tenantId, t.typeId, t.id),
    foreignKey({
      name: 'opportunity_stages_type_fk',
      columns: [t.tenantId, t.typeId],
      foreignColumns: [opportunityTypes.tenantId, opportunityTypes.id],
    }).onDelete('cascade'),
    index('opportunity_stages_type_idx').on(t.tenantId, t.typeId, t.position),
    check('opportunity_stages_probability_ck', sql`${t.probability} BETWEEN 0 AND 100`),
    tenantIsolation('opportunity_stages'),
  ],
);

/**
 * Opportunities (商机). Owner-scoped like customers; the customer is required, the contact optional and of that
 * customer; the stage belongs to the opportunity's business type (composite foreign key).
 */
export const opportunities = pgTable(
  'opportunities',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    /** The employee who owns the record: data scopes (数据权限) are computed over owners. */
    ownerId: uuid('owner_id').notNull(),
    name: text('name').notNull(),
    customerId: uuid('customer_id').notNull(),
    contactId: uuid('contact_id'),
    typeId: uuid('type_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    /** Exact money: NUMERIC(18,2), read and written as decimal strings. */
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull().default('0'),
    expectedCloseDate: date('expected_close_date', { mode: 'string' }).notNull(),
    lossReason: text('loss_reason'),
    notes: text('notes'),
    /** When the opportunity entered its current stage. */
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'opportunities_owner_fk',
      columns: [t.tenantId, t.ownerId],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'opportunities_created_by_fk',
      columns: [t.tenantId, t.createdBy],
      foreignColumns: [users.tenantId, users.id],
    }),
    foreignKey({
      name: 'opportunities_customer_fk',
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    foreignKey({
      name: 'opportunities_contact_fk',
      columns: [t.tenantId, t.contactId],
      foreignColumns: [contacts.tenantId, contacts.id],
    }),
    foreignKey({
      name: 'opportunities_type_fk',
      columns: [t.tenantId, t.typeId],
      foreignColumns: [opportunityTypes.tenantId, opportunityTypes.id],
    }),
    foreignKey({
      name: 'opportunities_stage_fk',
      columns: [t.tenantId, t.typeId, t.stageId],
      foreignColumns: [opportunityStages.tenantId, opportunityStages.typeId, opportunityStages.id],
    }),
    // Serves the owner foreign key and the data-scoped list (owner = ANY(...) ORDER BY id DESC).
    index('opportunities_owner_idx').on(t.tenantId, t.ownerId, t.id),
    // The kanban: one column per stage, ordered by expected close date then id (keyset); also the stage FK.
    // owner_id and amount trail the key (drizzle has no INCLUDE) so the per-stage count and sum, and the owner
    // filter of a data scope, can be answered from the index alone.
    index('opportunities_kanban_idx').on(
      t.tenantId,
      t.typeId,
      t.stageId,
      t.expectedCloseDate,
      t.id,
      t.ownerId,
      t.amount,
    ),
    // The sales forecast (modules/forecast): per owner in a data scope, every opportunity closing in a quarter
    // (expected_close_date) or won in it (stage_entered_at of a won stage), with stage and amount, from the index alone.
    index('opportunities_forecast_idx').on(
      t.tenantId,
      t.ownerId,
      t.expectedCloseDate,
      t.stageEnteredAt,
      t.stageId,
      t.amount,
    ),
    index('opportunities_customer_idx').on(t.tenantId, t.customerId),
    index('opportunities_contact_idx').on(t.tenantId, t.contactId),
    index('opportunities_created_by_idx').on(t.tenantId, t.createdBy),
    tenantIsolation('opportunities'),
  ],
);

export type OpportunityRow = typeof opportunities.$inferSelect;

/**
 * Stage history: one row per stage an opportunity entered (the first with no from stage, at creation).
 * Stage ids carry no foreign key and the names are copied, so history survives a stage being removed.
 */
export const opportunityStageHistory = pgTable(
  'opportunity_stage_history',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    opportunityId: uuid('opportunity_id').notNull(),
    fromStageId: uuid('from_stage_id'),
    fromStageName: text('from_stage_name'),
    toStageId: uuid('to_stage_id').notNull(),
    toStageName: text('to_stage_name').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    changedBy: uuid('changed_by').notNull(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'opportunity_stage_history_opportunity_fk',
      columns: [t.tenantId, t.opportunityId],
      foreignColumns: [opportunities.tenantId, opportunities.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'opportunity_stage_history_changed_by_fk',
      columns: [t.tenantId, t.changedBy],
      foreignColumns: [users.tenantId, users.id],
    }),
    index('opportunity_stage_history_opportunity_idx').on(t.tenantId, t.opportunityId, t.changedAt, t.id),
    index('opportunity_stage_history_changed_by_idx').on(t.tenantId, t.changedBy),
    tenantIsolation('opportunity_stage_history'),
  ],
);

/** Competitors (竞争对手) as records of the tenant. */
export const competitors = pgTable(
  'competitors',
  {
    tenantId: tenantIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    strengths: text('strengths'),
    weaknesses: text('weaknesses'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('competitors_name_uq').on(t.tenantId, sql`lower(${t.name})`),
    tenantIsolation('competitors'),
  ],
);

/** Which competitors an opportunity faces (many-to-many). */
export const opportunityCompetitors = pgTable(
  'opportunity_competitors',
  {
    tenantId: tenantIdColumn(),
    opportunityId: uuid('opportunity_id').notNull(),
    competitorId: uuid('competitor_id').notNull(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.tenantId, t.opportunityId, t.competitorId] }),
    foreignKey({
      name: 'opportunity_competitors_opportunity_fk',
      columns: [t.tenantId, t.opportunityId],
      foreignColumns: [opportunities.tenantId, opportunities.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'opportunity_competitors_competitor_fk',
      columns: [t.tenantId, t.competitorId],
      foreignColumns: [competitors.tenantId, competitors.id],
    }),
    index('opportunity_competitors_competitor_idx').on(t.tenantId, t.competitorId),
    tenantIsolation('opportunity_competitors'),
  ],
);
