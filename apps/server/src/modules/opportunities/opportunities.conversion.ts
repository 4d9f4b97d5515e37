// 线索转化 → 商机: the opportunities module's step in a lead's conversion (leads/leads.convert.ts runs it in the
// same transaction, after the customer and the contact exist). Sent as `steps.opportunity` in the convert body.
import { asc, eq } from 'drizzle-orm';
import { can } from '../../platform/access/actor.ts';
import { AppError, forbidden, invalidField, zodFieldsError } from '../../platform/errors/errors.ts';
import { registerLeadConversionStep } from '../leads/index.ts';
import { createOpportunityBody } from './opportunities.schemas.ts';
import { create } from './opportunities.service.ts';
import { opportunityTypes } from './opportunities.table.ts';

/** What the convert dialog may send; everything has a default drawn from the lead. */
const stepInput = createOpportunityBody
  .pick({ name: true, typeId: true, stageId: true, amount: true, expectedCloseDate: true, notes: true })
  .partial();

const PREFIX = 'steps.opportunity';
const DEFAULT_CLOSE_DAYS = 30;

registerLeadConversionStep('opportunity', async (ctx, { lead, customerId, contactId, input }) => {
  if (!can(ctx.actor, 'opportunities.create')) throw forbidden();
  const parsed = stepInput.safeParse(input);
  if (!parsed.success) throw zodFieldsError(PREFIX, parsed.error);
  let typeId = parsed.data.typeId;
  if (!typeId) {
    // The company's first business type, as the kanban shows it first.
    const [first] = await ctx.tx
      .select({ id: opportunityTypes.id })
      .from(opportunityTypes)
      .where(eq(opportunityTypes.tenantId, ctx.actor.tenantId))
      .orderBy(asc(opportunityTypes.createdAt), asc(opportunityTypes.id))
      .limit(1);
    if (!first) throw invalidField(`${PREFIX}.typeId`, 'opportunities.no_business_type');
    typeId = first.id;
  }
  const close = new Date(Date.now() + DEFAULT_CLOSE_DAYS * 86_400_000).toISOString().slice(0, 10);
  const body = createOpportunityBody.safeParse({
    name: parsed.data.name ?? lead.companyName,
    customerId,
    contactId,
    typeId,
    stageId: parsed.data.stageId,
    amount: parsed.data.amount ?? '0',
    expectedCloseDate: parsed.data.expectedCloseDate ?? close,
    notes: parsed.data.notes ?? lead.notes ?? undefined,
  });
  if (!body.success) throw zodFieldsError(PREFIX, body.error);
  try {
    return { opportunityId: (await create(ctx, body.data)).id };
  } catch (err) {
    // A field of the opportunity (typeId, stageId …) is a field of this step to the convert dialog.
    if (err instanceof AppError && err.fields) {
      const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [`${PREFIX}.${k}`, v]));
      throw new AppError(err.status, err.code, err.params, fields, err.details);
    }
    throw err;
  }
});
