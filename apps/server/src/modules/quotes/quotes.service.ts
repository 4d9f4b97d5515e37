import Decimal from 'decimal.js';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, conflict, type FieldError, invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { isCustomerVisible } from '../customers/index.ts';
import { opportunities, opportunityAccess } from '../opportunities/index.ts';
import {
  formatDecimal,
  formatMoney,
  getProducts,
  hasUnit,
  type Product,
  unitNames,
  unitPrice,
} from '../products/index.ts';
import { isEditable, manualTransitions, OBJECT_TYPE, quoteAccess, quoteVisibility } from './quotes.policy.ts';
import { toChineseCapital } from './quotes.rmb.ts';
import type {
  CreateQuoteBody,
  LineInput,
  LineItem,
  QuoteItem,
  QuoteListItem,
  QuoteListQuery,
  QuoteSettingsItem,
  UpdateQuoteBody,
} from './quotes.schemas.ts';
import { type QuoteStatus, quoteLines, quoteSettings, quotes } from './quotes.table.ts';
import { computeTotals, QuoteTotalsError, quoteNeedsApproval } from './quotes.totals.ts';

/* Business rules as plain functions of the request context. The route helper already checked the grant. */

const Q = { id: sql`q.id`, owner: sql`q.owner_id` };
const asDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const asDateOrNull = (v: unknown) => (v == null ? null : asDate(v));

/* ---------- settings ---------- */

export const DEFAULT_DISCOUNT_THRESHOLD = '20.00';

export async function readQuoteSettings(tx: Tx, tenantId: string): Promise<QuoteSettingsItem> {
  const [row] = await tx.select().from(quoteSettings).where(eq(quoteSettings.tenantId, tenantId));
  return {
    discountThreshold: formatMoney(row?.discountThreshold ?? DEFAULT_DISCOUNT_THRESHOLD),
    defaultTerms: row?.defaultTerms ?? null,
  };
}

export async function updateQuoteSettings(
  ctx: RequestContext,
  body: { discountThreshold?: string; defaultTerms?: string | null },
): Promise<QuoteSettingsItem> {
  const { tenantId } = ctx.actor;
  const before = await readQuoteSettings(ctx.tx, tenantId);
  const next = {
    discountThreshold: body.discountThreshold ?? before.discountThreshold,
    defaultTerms: body.defaultTerms !== undefined ? body.defaultTerms : before.defaultTerms,
  };
  await ctx.tx
    .insert(quoteSettings)
    .values({ tenantId, ...next })
    .onConflictDoUpdate({ target: quoteSettings.tenantId, set: { ...next, updatedAt: new Date() } });
  const after = await readQuoteSettings(ctx.tx, tenantId);
  ctx.audit.record({ action: 'update', objectType: 'quote_settings', recordId: tenantId, before, after });
  return after;
}

/* ---------- reads ---------- */

const summaryColumns = sql`q.id, q.number, q.title, q.status, q.owner_id AS "ownerId", u.name AS "ownerName",
  q.customer_id AS "customerId", cu.name AS "customerName", q.contact_id AS "contactId", ct.name AS "contactName",
  ct.email AS "contactEmail", q.opportunity_id AS "opportunityId", op.name AS "opportunityName",
  to_char(q.valid_until, 'YYYY-MM-DD') AS "validUntil", q.currency, q.subtotal::text AS subtotal,
  q.extra_discount::text AS "extraDiscount", q.discount_total::text AS "discountTotal",
  q.amount_excl_tax::text AS "amountExclTax", q.tax_total::text AS "taxTotal", q.total::text AS total,
  q.notes, q.terms, q.sent_at AS "sentAt", q.created_at AS "createdAt", q.updated_at AS "updatedAt",
  (SELECT max(l.discount_rate)::text FROM quote_lines l WHERE l.tenant_id = q.tenant_id AND l.quote_id = q.id)
    AS "maxLineDiscount"`;

const summaryJoins = sql`LEFT JOIN users u ON u.tenant_id = q.tenant_id AND u.id = q.owner_id
  LEFT JOIN customers cu ON cu.tenant_id = q.tenant_id AND cu.id = q.customer_id
  LEFT JOIN contacts ct ON ct.tenant_id = q.tenant_id AND ct.id = q.contact_id
  LEFT JOIN opportunities op ON op.tenant_id = q.tenant_id AND op.id = q.opportunity_id`;

type Row = Record<string, unknown>;

function needsApprovalOf(row: Row, settings: QuoteSettingsItem): boolean {
  const extra = String(row.extraDiscount ?? '0');
  return quoteNeedsApproval(
    {
      lines: row.maxLineDiscount == null ? [] : [{ discountRate: String(row.maxLineDiscount) }],
      extraDiscount: extra,
      // discount_total = line discounts + the extra discount.
      totals: {
        subtotal: String(row.subtotal),
        lineDiscount: formatMoney(new Decimal(String(row.discountTotal)).minus(extra)),
      },
    },
    settings,
  );
}

function toSummary(row: Row, settings: QuoteSettingsItem): QuoteListItem {
  return {
    id: String(row.id),
    number: String(row.number),
    title: (row.title as string | null) ?? null,
    status: row.status as QuoteStatus,
    ownerId: String(row.ownerId),
    ownerName: (row.ownerName as string | null) ?? null,
    customerId: String(row.customerId),
    customerName: (row.customerName as string | null) ?? null,
    contactId: (row.contactId as string | null) ?? null,
    contactName: (row.contactName as string | null) ?? null,
    opportunityId: (row.opportunityId as string | null) ?? null,
    opportunityName: (row.opportunityName as string | null) ?? null,
    validUntil: String(row.validUntil),
    currency: String(row.currency),
    subtotal: formatMoney(String(row.subtotal)),
    extraDiscount: formatMoney(String(row.extraDiscount)),
    discountTotal: formatMoney(String(row.discountTotal)),
    amountExclTax: formatMoney(String(row.amountExclTax)),
    taxTotal: formatMoney(String(row.taxTotal)),
    total: formatMoney(String(row.total)),
    needsApproval: needsApprovalOf(row, settings),
    sentAt: asDateOrNull(row.sentAt),
    createdAt: asDate(row.createdAt),
    updatedAt: asDate(row.updatedAt),
  };
}

export async function list(ctx: RequestContext, query: QuoteListQuery) {
  const cursor = decodeCursor(query.cursor);
  const beforeId = cursor?.[0];
  if (query.cursor && !z.uuid().safeParse(beforeId).success) throw invalidField('cursor', 'field.invalid_type');
  const { tenantId } = ctx.actor;
  const visible = await quoteVisibility(ctx.tx, ctx.actor, Q);
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const res = await ctx.tx.execute(sql`SELECT ${summaryColumns} FROM quotes q ${summaryJoins}
    WHERE q.tenant_id = ${tenantId} AND ${visible}
      ${beforeId ? sql`AND q.id < ${beforeId as string}` : sql``}
      ${like ? sql`AND (q.number ILIKE ${like} OR q.title ILIKE ${like} OR cu.name ILIKE ${like})` : sql``}
      ${query.status ? sql`AND q.status = ${query.status}` : sql``}
      ${query.customerId ? sql`AND q.customer_id = ${query.customerId}` : sql``}
      ${query.opportunityId ? sql`AND q.opportunity_id = ${query.opportunityId}` : sql``}
    ORDER BY q.id DESC LIMIT ${query.limit + 1}`);
  const settings = await readQuoteSettings(ctx.tx, tenantId);
  const items = res.rows.slice(0, query.limit).map((r) => toSummary(r, settings));
  const last = items.at(-1);
  return { items, nextCursor: res.rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

async function loadLines(tx: Tx, tenantId: string, quoteId: string): Promise<LineItem[]> {
  const rows = await tx
    .select()
    .from(quoteLines)
    .where(and(eq(quoteLines.tenantId, tenantId), eq(quoteLines.quoteId, quoteId)))
    .orderBy(quoteLines.position);
  return rows.map((l) => ({
    id: l.id,
    position: l.position,
    productId: l.productId,
    productName: l.productName,
    productCode: l.productCode,
    specification: l.specification,
    unit: l.unit,
    quantity: formatDecimal(l.quantity),
    unitPrice: formatMoney(l.unitPrice),
    discountRate: formatDecimal(l.discountRate),
    taxRate: formatDecimal(l.taxRate),
    gross: formatMoney(l.gross),
    discount: formatMoney(l.discount),
    extraDiscount: formatMoney(l.extraDiscount),
    net: formatMoney(l.net),
    tax: formatMoney(l.tax),
    total: formatMoney(l.total),
  }));
}

/** The full quote by id in the transaction's tenant, without any visibility check (callers checked already). */
export async function loadQuote(tx: Tx, tenantId: string, id: string, access: 'read' | 'write'): Promise<QuoteItem> {
  const res = await tx.execute(sql`SELECT ${summaryColumns} FROM quotes q ${summaryJoins}
    WHERE q.tenant_id = ${tenantId} AND q.id = ${id}`);
  const row = res.rows[0];
  if (!row) throw notFound();
  const settings = await readQuoteSettings(tx, tenantId);
  const lines = await loadLines(tx, tenantId, id);
  const summary = toSummary(row, settings);
  return {
    ...summary,
    notes: (row.notes as string | null) ?? null,
    terms: (row.terms as string | null) ?? null,
    totalInWords: toChineseCapital(summary.total),
    contactEmail: (row.contactEmail as string | null) ?? null,
    lines,
    access,
  };
}

/** A visible quote, or 404: another tenant's id, an unknown id and one outside the scope look the same. */
export async function get(ctx: RequestContext, id: string): Promise<QuoteItem> {
  const access = await quoteAccess(ctx.tx, ctx.actor, id);
  if (access === 'none') throw notFound();
  return loadQuote(ctx.tx, ctx.actor.tenantId, id, access);
}

export async function isVisible(ctx: RequestContext, id: string): Promise<boolean> {
  return (await quoteAccess(ctx.tx, ctx.actor, id)) !== 'none';
}

/** The quote for a change: 404 when invisible, 403 sharing.read_only when only readable. */
async function getWritable(ctx: RequestContext, id: string): Promise<QuoteItem> {
  const item = await get(ctx, id);
  if (item.access !== 'write') throw new AppError(403, 'sharing.read_only');
  return item;
}

/** 409 unless the quote is a draft: a sent or decided quote is a record of what was offered. */
function assertEditable(item: QuoteItem) {
  if (!isEditable(item.status)) throw conflict('quotes.not_editable', { status: item.status });
}

/* ---------- writes ---------- */

async function checkParties(
  ctx: RequestContext,
  customerId: string,
  contactId: string | null,
  opportunityId: string | null,
) {
  const { tx, actor } = ctx;
  if (!(await isCustomerVisible(tx, actor, customerId))) throw invalidField('customerId', 'field.not_found');
  if (contactId) {
    const [row] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(eq(contacts.tenantId, actor.tenantId), eq(contacts.id, contactId), eq(contacts.customerId, customerId)),
      );
    if (!row) throw invalidField('contactId', 'quotes.contact_not_of_customer');
  }
  if (opportunityId) {
    if ((await opportunityAccess(tx, actor, opportunityId)) === 'none') {
      throw invalidField('opportunityId', 'field.not_found');
    }
    const [row] = await tx
      .select({ customerId: opportunities.customerId })
      .from(opportunities)
      .where(and(eq(opportunities.tenantId, actor.tenantId), eq(opportunities.id, opportunityId)));
    if (row?.customerId !== customerId) throw invalidField('opportunityId', 'quotes.opportunity_not_of_customer');
  }
}

interface PricedLine {
  input: LineInput;
  product: Product;
  unit: string;
  unitPrice: string;
}

/**
 * Check every line against its product (exists, on sale, the unit is one of its units) and fill in the list
 * price of the unit when no price was given. All problems are reported at once, field by field (lines.3.unit).
 */
async function priceLines(ctx: RequestContext, lines: LineInput[]): Promise<PricedLine[]> {
  const products = await getProducts(ctx.tx, ctx.actor.tenantId, [...new Set(lines.map((l) => l.productId))]);
  const byId = new Map(products.map((p) => [p.id, p]));
  const fields: Record<string, FieldError> = {};
  const out: PricedLine[] = [];
  lines.forEach((input, i) => {
    const product = byId.get(input.productId);
    if (!product) {
      fields[`lines.${i}.productId`] = { key: 'field.not_found' };
      return;
    }
    if (product.status !== 'active') {
      fields[`lines.${i}.productId`] = { key: 'quotes.product_inactive', params: { name: product.name } };
      return;
    }
    if (!hasUnit(product, input.unit)) {
      fields[`lines.${i}.unit`] = {
        key: 'products.unknown_unit',
        params: { unit: input.unit, units: unitNames(product).join('、') },
      };
      return;
    }
    const unit = unitNames(product).find((n) => n.trim().toLowerCase() === input.unit.trim().toLowerCase())!;
    const listPrice = unitPrice(product, unit);
    const price = input.unitPrice ?? (listPrice ? listPrice.toFixed(2) : undefined);
    if (price === undefined) {
      fields[`lines.${i}.unitPrice`] = { key: 'quotes.price_required', params: { name: product.name } };
      return;
    }
    out.push({ input, product, unit, unitPrice: formatMoney(price) });
  });
  if (Object.keys(fields).length) throw new AppError(400, 'common.validation', {}, fields);
  return out;
}

/** Replace the quote's lines and store the recomputed totals (quotes.totals.ts). */
async function writeLines(ctx: RequestContext, quoteId: string, priced: PricedLine[], extraDiscount: string) {
  const { tenantId } = ctx.actor;
  let totals: ReturnType<typeof computeTotals>;
  try {
    totals = computeTotals(
      priced.map((l) => ({
        quantity: l.input.quantity,
        unitPrice: l.unitPrice,
        discountRate: l.input.discountRate,
        taxRate: l.input.taxRate,
      })),
      extraDiscount,
    );
  } catch (e) {
    if (e instanceof QuoteTotalsError) throw invalidField('extraDiscount', e.code, e.params);
    throw e;
  }
  await ctx.tx.delete(quoteLines).where(and(eq(quoteLines.tenantId, tenantId), eq(quoteLines.quoteId, quoteId)));
  if (priced.length) {
    await ctx.tx.insert(quoteLines).values(
      priced.map((l, i) => ({
        tenantId,
        id: newId(),
        quoteId,
        position: i + 1,
        productId: l.product.id,
        productName: l.product.name,
        productCode: l.product.code,
        specification: l.product.specification,
        unit: l.unit,
        quantity: l.input.quantity,
        unitPrice: l.unitPrice,
        discountRate: l.input.discountRate,
        taxRate: l.input.taxRate,
        ...totals.lines[i]!,
      })),
    );
  }
  await ctx.tx
    .update(quotes)
    .set({
      extraDiscount: totals.extraDiscount,
      subtotal: totals.subtotal,
      discountTotal: totals.discountTotal,
      amountExclTax: totals.amountExclTax,
      taxTotal: totals.tax,
      total: totals.total,
    })
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, quoteId)));
}

/** The next number of the year: BJ-2026-0001. One counter row per tenant and year, bumped atomically. */
export async function nextNumber(tx: Tx, tenantId: string, year: number): Promise<string> {
  const res = await tx.execute(sql`INSERT INTO quote_counters AS c (tenant_id, year, last)
    VALUES (${tenantId}, ${year}, 1)
    ON CONFLICT (tenant_id, year) DO UPDATE SET last = c.last + 1
    RETURNING c.last`);
  const n = Number(res.rows[0]?.last);
  return `BJ-${year}-${String(n).padStart(4, '0')}`;
}

/** The audited fields of a quote (names rather than ids where people read them; lines as one text). */
const audited = (q: QuoteItem) => ({
  number: q.number,
  title: q.title,
  status: q.status,
  customer: q.customerName,
  contact: q.contactName,
  opportunity: q.opportunityName,
  owner: q.ownerName,
  validUntil: q.validUntil,
  extraDiscount: q.extraDiscount,
  total: q.total,
  notes: q.notes,
  terms: q.terms,
  lines: q.lines
    .map((l) => `${l.productName} ${l.quantity}${l.unit}×${l.unitPrice} -${l.discountRate}% +${l.taxRate}%`)
    .join('；'),
});

async function dbToday(tx: Tx): Promise<{ now: Date; year: number }> {
  const res = await tx.execute(sql`SELECT now() AS now, extract(year FROM now())::int AS year`);
  return { now: asDate(res.rows[0]?.now), year: Number(res.rows[0]?.year) };
}

export async function create(ctx: RequestContext, body: CreateQuoteBody): Promise<QuoteItem> {
  const { tenantId, userId } = ctx.actor;
  await checkParties(ctx, body.customerId, body.contactId ?? null, body.opportunityId ?? null);
  const priced = await priceLines(ctx, body.lines);
  const { year } = await dbToday(ctx.tx);
  const id = newId();
  const terms = body.terms ?? (await readQuoteSettings(ctx.tx, tenantId)).defaultTerms;
  await ctx.tx.insert(quotes).values({
    tenantId,
    id,
    number: await nextNumber(ctx.tx, tenantId, year),
    ownerId: userId,
    createdBy: userId,
    customerId: body.customerId,
    contactId: body.contactId ?? null,
    opportunityId: body.opportunityId ?? null,
    title: body.title,
    validUntil: body.validUntil,
    notes: body.notes,
    terms,
  });
  await writeLines(ctx, id, priced, body.extraDiscount);
  const after = await get(ctx, id);
  ctx.audit.record({ action: 'create', objectType: OBJECT_TYPE, recordId: id, after: audited(after) });
  return after;
}

export async function update(ctx: RequestContext, id: string, body: UpdateQuoteBody): Promise<QuoteItem> {
  const { tenantId } = ctx.actor;
  const before = await getWritable(ctx, id);
  assertEditable(before);
  const customerId = body.customerId ?? before.customerId;
  const contactId = body.contactId !== undefined ? body.contactId : before.contactId;
  const opportunityId = body.opportunityId !== undefined ? body.opportunityId : before.opportunityId;
  if (body.customerId !== undefined || body.contactId !== undefined || body.opportunityId !== undefined) {
    await checkParties(ctx, customerId, contactId ?? null, opportunityId ?? null);
  }
  await ctx.tx
    .update(quotes)
    .set({
      customerId,
      contactId: contactId ?? null,
      opportunityId: opportunityId ?? null,
      title: body.title,
      validUntil: body.validUntil,
      notes: body.notes,
      terms: body.terms,
      updatedAt: (await dbToday(ctx.tx)).now,
    })
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, id)));
  if (body.lines !== undefined || body.extraDiscount !== undefined) {
    const lines: LineInput[] =
      body.lines ??
      before.lines.map((l) => ({
        productId: l.productId,
        unit: l.unit,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountRate: l.discountRate,
        taxRate: l.taxRate,
      }));
    // Existing lines keep their stored product data check: a product taken off sale since still has to be
    // replaced before the lines change again.
    await writeLines(ctx, id, await priceLines(ctx, lines), body.extraDiscount ?? before.extraDiscount);
  }
  const after = await get(ctx, id);
  ctx.audit.record({
    action: 'update',
    objectType: OBJECT_TYPE,
    recordId: id,
    before: audited(before),
    after: audited(after),
  });
  return after;
}

/** By hand: sent → accepted / rejected / expired; rejected, expired or approved → draft (to revise). */
export async function setStatus(ctx: RequestContext, id: string, status: QuoteStatus): Promise<QuoteItem> {
  const before = await getWritable(ctx, id);
  if (!manualTransitions[before.status].includes(status)) {
    throw conflict('quotes.invalid_transition', { from: before.status, to: status });
  }
  await ctx.tx
    .update(quotes)
    .set({ status, updatedAt: new Date() })
    .where(and(eq(quotes.tenantId, ctx.actor.tenantId), eq(quotes.id, id)));
  const after = await get(ctx, id);
  ctx.audit.record({
    action: 'status',
    objectType: OBJECT_TYPE,
    recordId: id,
    before: { status: before.status },
    after: { status: after.status },
  });
  return after;
}

export async function remove(ctx: RequestContext, id: string): Promise<null> {
  const before = await getWritable(ctx, id);
  assertEditable(before);
  await ctx.tx.delete(quotes).where(and(eq(quotes.tenantId, ctx.actor.tenantId), eq(quotes.id, id)));
  ctx.audit.record({ action: 'delete', objectType: OBJECT_TYPE, recordId: id, before: audited(before), after: null });
  return null;
}

export { getWritable };
