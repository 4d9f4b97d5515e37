// 线索转化: a lead becomes a customer (new, through the customers module's service, or an existing visible one),
// optionally a contact (new from the lead's person, or an existing one of that customer) and whatever the
// registered conversion steps add (the opportunities module plugs in here) — all in the request's one
// transaction, so any failure leaves nothing behind.
import { conflict, invalidField, zodFieldsError } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { createContact, findVisibleContact } from '../contacts/index.ts';
import { createCustomer, createCustomerBody, findVisibleCustomer } from '../customers/index.ts';
import { OBJECT_TYPE } from './leads.policy.ts';
import * as repo from './leads.repo.ts';
import type { ConvertLead, LeadItem } from './leads.schemas.ts';
import { audited, get, getWritable } from './leads.service.ts';

export interface ConversionStepInput {
  lead: LeadItem;
  customerId: string;
  contactId: string | null;
  /** What the client sent under steps[name]. */
  input: Record<string, unknown>;
}
/** What a step may record on the lead. */
export interface ConversionStepResult {
  opportunityId?: string | null;
}
export type ConversionStep = (
  ctx: RequestContext,
  args: ConversionStepInput,
) => Promise<ConversionStepResult | undefined>;

const steps = new Map<string, ConversionStep>();

/**
 * A seam for later modules: `registerLeadConversionStep('opportunity', fn)` makes `steps.opportunity` in the
 * convert body run fn after the customer and contact exist, in the same transaction (throw to undo it all).
 */
export function registerLeadConversionStep(name: string, fn: ConversionStep): void {
  steps.set(name, fn);
}
export const conversionStepNames = (): string[] => [...steps.keys()];
/** For tests: forget a step again. */
export function unregisterLeadConversionStep(name: string): void {
  steps.delete(name);
}

export async function convert(ctx: RequestContext, id: string, body: ConvertLead) {
  const { tx, actor } = ctx;
  const lead = await getWritable(ctx, id);
  if (lead.ownerId === null) throw conflict('leads.convert_pool');
  for (const name of Object.keys(body.steps)) {
    if (!steps.has(name)) throw invalidField(`steps.${name}`, 'leads.unknown_step');
  }

  // 1. The customer.
  let customerId: string;
  if (body.customer.mode === 'new') {
    const parsed = createCustomerBody.safeParse({
      name: body.customer.name ?? lead.companyName,
      source: lead.source,
      phone: lead.phone ?? lead.mobile,
      email: lead.email,
      street: lead.address,
      nextContactAt: lead.nextContactAt ?? undefined,
      ownerId: lead.ownerId !== actor.userId ? lead.ownerId : undefined,
      force: body.customer.force,
    });
    if (!parsed.success) throw zodFieldsError('customer', parsed.error);
    customerId = (await createCustomer(ctx, parsed.data)).id;
  } else {
    const found = await findVisibleCustomer(tx, actor, body.customer.customerId).catch(() => null);
    if (!found) throw invalidField('customer.customerId', 'field.not_found');
    customerId = found.id;
  }

  // 2. The contact.
  let contactId: string | null = null;
  if (body.contact.mode === 'new') {
    if (!lead.contactName) throw invalidField('contact.mode', 'leads.no_contact_person');
    const contact = await createContact(ctx, {
      customerId,
      name: lead.contactName,
      title: lead.title,
      mobile: lead.mobile,
      email: lead.email,
      wechat: null,
      birthday: null,
      isKey: false,
      custom: {},
    });
    contactId = contact.id;
  } else if (body.contact.mode === 'existing') {
    const contact = await findVisibleContact(tx, actor, body.contact.contactId).catch(() => null);
    if (!contact || contact.customerId !== customerId)
      throw invalidField('contact.contactId', 'leads.contact_mismatch');
    contactId = contact.id;
  }

  // 3. Registered steps (an opportunity, later).
  let opportunityId: string | null = null;
  for (const [name, input] of Object.entries(body.steps)) {
    const result = await steps.get(name)?.(ctx, { lead, customerId, contactId, input });
    if (result?.opportunityId) opportunityId = result.opportunityId;
  }

  const now = new Date();
  await repo.updateRow(tx, actor.tenantId, id, {
    status: 'converted',
    invalidReason: null,
    convertedCustomerId: customerId,
    convertedContactId: contactId,
    convertedOpportunityId: opportunityId,
    convertedAt: now,
    convertedBy: actor.userId,
  });
  const after = await get(ctx, id);
  ctx.audit.record({
    action: 'convert',
    objectType: OBJECT_TYPE,
    recordId: id,
    before: audited(lead),
    after: audited(after),
  });
  return { lead: after, customerId, contactId, opportunityId };
}
