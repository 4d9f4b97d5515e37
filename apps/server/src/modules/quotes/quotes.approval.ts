// 报价折扣审批: quotes whose discount passes the company's threshold go through approvals as 'quote_discount'.
// Submitting moves the draft to 审批中 (no edits, no sending); approval makes it 已审批 (it may be sent); a
// rejection, a return or a withdrawal puts it back to draft so the salesperson can revise it.
import Decimal from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import { conflict } from '../../platform/errors/errors.ts';
import { type DecisionContext, registerApprovalDocument } from '../approvals/index.ts';
import { quoteAccess } from './quotes.policy.ts';
import { loadQuote } from './quotes.service.ts';
import { type QuoteStatus, quotes } from './quotes.table.ts';

async function setStatus({ tx, tenantId }: DecisionContext, id: string, from: QuoteStatus[], to: QuoteStatus) {
  const [row] = await tx
    .select({ status: quotes.status })
    .from(quotes)
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, id)));
  if (!row || !from.includes(row.status)) throw conflict('quotes.not_submittable', { status: row?.status ?? '' });
  await tx
    .update(quotes)
    .set({ status: to, updatedAt: new Date() })
    .where(and(eq(quotes.tenantId, tenantId), eq(quotes.id, id)));
}

registerApprovalDocument({
  type: 'quote_discount',
  label: { 'zh-CN': '报价折扣', en: 'Quote discount' },
  permission: 'quotes.edit',
  async load(tx, actor, id) {
    const access = await quoteAccess(tx, actor, id);
    const quote = await loadQuote(tx, actor.tenantId, id, access === 'write' ? 'write' : 'read').catch(() => null);
    if (!quote) return null;
    const maxLineDiscount = Decimal.max(0, ...quote.lines.map((l) => l.discountRate)).toFixed(2);
    return {
      title: `报价单 ${quote.number} · ${quote.customerName ?? ''}`,
      // What flow conditions may read: 金额 is the total with tax.
      fields: {
        amount: quote.total,
        subtotal: quote.subtotal,
        discountTotal: quote.discountTotal,
        maxLineDiscount,
        needsApproval: quote.needsApproval,
      },
      ownerId: quote.ownerId,
      visible: access !== 'none',
    };
  },
  onSubmitted: (ctx, id) => setStatus(ctx, id, ['draft'], 'pending_approval'),
  async onDecided(ctx, id, outcome) {
    await setStatus(ctx, id, ['pending_approval'], outcome === 'approved' ? 'approved' : 'draft');
  },
});
