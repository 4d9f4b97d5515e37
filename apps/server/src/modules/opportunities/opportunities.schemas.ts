import { z } from 'zod';
import { listQuery, name, optionalText } from '../../platform/http/schemas.ts';
import { stageKinds } from './opportunities.table.ts';

/* Money travels as a decimal string ("12000.50"), exactly as NUMERIC(18,2) stores it. */

/** Money ≥ 0 with at most 16 digits before the point and 2 after (NUMERIC(18,2)); a JSON number is accepted too. */
export const money = () =>
  z
    .union([z.string().trim(), z.number()], {
      error: (issue) => (issue.input === undefined ? 'field.required' : 'opportunities.invalid_amount'),
    })
    .transform((v) => String(v))
    .pipe(z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, { message: 'opportunities.invalid_amount' }));

const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'opportunities.invalid_date' })
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      {
        message: 'opportunities.invalid_date',
      },
    );

const probability = () => z.number().int().min(0).max(100);

/* ---------- business types (商机组) ---------- */

export const stageItem = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(stageKinds),
  position: z.number().int(),
  probability: z.number().int(),
});
export type StageItem = z.infer<typeof stageItem>;

export const businessTypeItem = z.object({
  id: z.uuid(),
  name: z.string(),
  lossReasons: z.array(z.string()),
  /** Open stages in order, then won, then lost. */
  stages: z.array(stageItem),
  /** How many opportunities use the type (a type in use cannot be deleted). */
  opportunityCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type BusinessTypeItem = z.infer<typeof businessTypeItem>;

/** An open stage as the settings form sends it: an existing one keeps its id, a new one has none. */
const stageInput = z.strictObject({
  id: z.uuid().optional(),
  name: name(30),
  probability: probability(),
});

const stagesInput = z
  .array(stageInput)
  .min(1)
  .max(20)
  .refine((list) => new Set(list.map((s) => s.name.toLowerCase())).size === list.length, {
    message: 'opportunities.stage_name_repeated',
  });

const lossReasons = z
  .array(name(50))
  .max(30)
  .refine((l) => new Set(l).size === l.length, { message: 'opportunities.loss_reason_repeated' });

/** Won (赢单) and lost (输单) always exist; only their names may change. */
const finalStageNames = z.strictObject({ won: name(30).optional(), lost: name(30).optional() });

export const createBusinessTypeBody = z.strictObject({
  name: name(50),
  stages: stagesInput,
  finalStages: finalStageNames.optional(),
  lossReasons: lossReasons.default([]),
});
export type CreateBusinessTypeBody = z.infer<typeof createBusinessTypeBody>;

/** stages, when given, is the whole ordered list of open stages: omitted existing ones are removed. */
export const updateBusinessTypeBody = z.strictObject({
  name: name(50).optional(),
  stages: stagesInput.optional(),
  finalStages: finalStageNames.optional(),
  lossReasons: lossReasons.optional(),
});
export type UpdateBusinessTypeBody = z.infer<typeof updateBusinessTypeBody>;

/* ---------- competitors (竞争对手) ---------- */

export const competitorItem = z.object({
  id: z.uuid(),
  name: z.string(),
  strengths: z.string().nullable(),
  weaknesses: z.string().nullable(),
  notes: z.string().nullable(),
  opportunityCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CompetitorItem = z.infer<typeof competitorItem>;

export const competitorListQuery = listQuery.extend({ q: z.string().trim().max(100).optional() });
export type CompetitorListQuery = z.infer<typeof competitorListQuery>;

export const createCompetitorBody = z.strictObject({
  name: name(100),
  strengths: optionalText(2000),
  weaknesses: optionalText(2000),
  notes: optionalText(2000),
});
export const updateCompetitorBody = createCompetitorBody.partial();
export type CompetitorBody = z.infer<typeof updateCompetitorBody>;

/* ---------- opportunities (商机) ---------- */

export const opportunityItem = z.object({
  id: z.uuid(),
  name: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string().nullable(),
  customerId: z.uuid(),
  customerName: z.string().nullable(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  typeId: z.uuid(),
  typeName: z.string(),
  stageId: z.uuid(),
  stageName: z.string(),
  stageKind: z.enum(stageKinds),
  probability: z.number().int(),
  amount: z.string(),
  expectedCloseDate: z.string(),
  lossReason: z.string().nullable(),
  notes: z.string().nullable(),
  stageEnteredAt: z.date(),
  competitors: z.array(
    z.object({ id: z.uuid(), name: z.string(), strengths: z.string().nullable(), weaknesses: z.string().nullable() }),
  ),
  /** The actor may change it (owner in scope, or a read-write share); otherwise read only. */
  access: z.enum(['read', 'write']),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type OpportunityItem = z.infer<typeof opportunityItem>;

export const opportunityListQuery = listQuery.extend({
  /** Substring of the name. */
  q: z.string().trim().max(100).optional(),
  customerId: z.uuid().optional(),
  typeId: z.uuid().optional(),
  stageId: z.uuid().optional(),
});
export type OpportunityListQuery = z.infer<typeof opportunityListQuery>;

export const createOpportunityBody = z.strictObject({
  name: name(100),
  customerId: z.uuid(),
  contactId: z.uuid().nullish(),
  typeId: z.uuid(),
  /** Default: the type's first open stage. */
  stageId: z.uuid().optional(),
  amount: money(),
  expectedCloseDate: isoDate(),
  competitorIds: z.array(z.uuid()).max(20).default([]),
  lossReason: optionalText(200),
  notes: optionalText(2000),
});
export type CreateOpportunityBody = z.infer<typeof createOpportunityBody>;

/** Changing typeId needs a stageId of the new type. */
export const updateOpportunityBody = z.strictObject({
  name: name(100).optional(),
  customerId: z.uuid().optional(),
  contactId: z.uuid().nullish(),
  typeId: z.uuid().optional(),
  stageId: z.uuid().optional(),
  amount: money().optional(),
  expectedCloseDate: isoDate().optional(),
  competitorIds: z.array(z.uuid()).max(20).optional(),
  lossReason: optionalText(200).optional(),
  notes: optionalText(2000).optional(),
});
export type UpdateOpportunityBody = z.infer<typeof updateOpportunityBody>;

/** The kanban drag: move to a stage of the same type; lost needs a loss reason. */
export const moveStageBody = z.strictObject({
  stageId: z.uuid(),
  lossReason: optionalText(200),
});
export type MoveStageBody = z.infer<typeof moveStageBody>;

export const stageHistoryItem = z.object({
  id: z.uuid(),
  fromStageId: z.uuid().nullable(),
  fromStageName: z.string().nullable(),
  toStageId: z.uuid(),
  toStageName: z.string(),
  changedAt: z.date(),
  changedBy: z.uuid(),
  changedByName: z.string().nullable(),
  /** Until the next change, or null while it is the current stage. */
  leftAt: z.date().nullable(),
  /** Milliseconds spent in toStage: leftAt (or now, for the current stage) − changedAt. */
  durationMs: z.number().int(),
});

export const stageDurationItem = z.object({
  stageId: z.uuid(),
  stageName: z.string(),
  /** Total over every stay in the stage (an opportunity may come back to a stage). */
  durationMs: z.number().int(),
});

export const stageHistoryResponse = z.object({
  items: z.array(stageHistoryItem),
  byStage: z.array(stageDurationItem),
});

/* ---------- kanban ---------- */

export const kanbanQuery = z.object({
  typeId: z.uuid(),
  /** Cards per column page. */
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type KanbanQuery = z.infer<typeof kanbanQuery>;

export const kanbanCard = z.object({
  id: z.uuid(),
  name: z.string(),
  customerId: z.uuid(),
  customerName: z.string().nullable(),
  ownerId: z.uuid(),
  ownerName: z.string().nullable(),
  amount: z.string(),
  expectedCloseDate: z.string(),
  stageEnteredAt: z.date(),
});
export type KanbanCard = z.infer<typeof kanbanCard>;

export const kanbanColumn = z.object({
  stage: stageItem,
  count: z.number().int(),
  /** Sum of amounts in the stage (visible records), a decimal string. */
  amount: z.string(),
  /** Sum of amount × probability / 100, a decimal string. */
  weightedAmount: z.string(),
  items: z.array(kanbanCard),
  nextCursor: z.string().nullable(),
});

export const kanbanResponse = z.object({
  type: z.object({ id: z.uuid(), name: z.string(), lossReasons: z.array(z.string()) }),
  columns: z.array(kanbanColumn),
});

export const kanbanStageQuery = z.object({
  typeId: z.uuid(),
  stageId: z.uuid(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type KanbanStageQuery = z.infer<typeof kanbanStageQuery>;
