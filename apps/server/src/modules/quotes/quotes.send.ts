import { and, eq, sql } from 'drizzle-orm';
import { AppError, conflict, invalidField } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { queueMessages, sendBatch } from '../../platform/outbox/outbox.ts';
import { OBJECT_TYPE } from './quotes.policy.ts';
import { groupDigits } from './quotes.print.ts';
import type { QuoteItem } from './quotes.schemas.ts';
import { get, getWritable } from './quotes.service.ts';
import { quotes } from './quotes.table.ts';

/** Statuses a quote may be e-mailed from: a draft (when it needs no approval), an approved one, or again once sent. */
const sendable = new Set(['draft', 'approved', 'sent']);

/** Where the link in the e-mail points: this server as the caller reached it (Fastify applies trustProxy). */
const origin = (ctx: RequestContext) => `${ctx.req.protocol}://${ctx.req.host}`;

export function quoteMailBody(q: QuoteItem, companyName: string, link: string): string {
  const lines = q.lines
    .map(
      (l, i) =>
        `${i + 1}. ${l.productName}  ${groupDigits(l.quantity)} ${l.unit} × ¥${groupDigits(l.unitPrice)}` +
        `${l.discountRate !== '0' ? `  折扣 ${l.discountRate}%` : ''}  税率 ${l.taxRate}%  价税合计 ¥${groupDigits(l.total)}`,
    )
    .join('\n');
  return [
    `${q.contactName ?? ''}，您好：`,
    '',
    `感谢您对${companyName}的关注。现将报价单 ${q.number} 发送给您，主要内容如下：`,
    '',
    `客户：${q.customerName ?? ''}`,
    q.title ? `项目：${q.title}` : null,
    `有效期至：${q.validUntil}`,
    '',
    lines || '（无明细）',
    '',
    `不含税金额：¥${groupDigits(q.amountExclTax)}`,
    `税额：¥${groupDigits(q.taxTotal)}`,
    `价税合计：¥${groupDigits(q.total)}（${q.totalInWords}）`,
    '',
    `完整报价单（打印预览）：${link}`,
    '',
    q.ownerName ? `${q.ownerName}\n${companyName}` : companyName,
  ]
    .filter((l) => l !== null)
    .join('\n');
}

/**
 * E-mail the quote to its contact (outbox, email channel). The outbox carries no attachments, so the mail has the
 * summary (lines, totals, the amount in words) and a link to the print view. That view needs a login: a link the
 * customer can open without one would need a public route, which the platform keeps to registration and login.
 * Marks the quote sent. 400 when there is no contact or it has
 * no e-mail; 409 when the quote needs approval and is not approved, or is already decided.
 */
export async function sendQuote(ctx: RequestContext, id: string): Promise<{ quote: QuoteItem; to: string }> {
  const before = await getWritable(ctx, id);
  if (!sendable.has(before.status)) throw conflict('quotes.not_sendable', { status: before.status });
  if (before.needsApproval && before.status === 'draft') throw conflict('quotes.approval_required');
  if (!before.contactId) throw invalidField('contactId', 'quotes.no_contact');
  if (!before.contactEmail) throw new AppError(400, 'quotes.contact_no_email', { name: before.contactName ?? '' });
  const res = await ctx.tx.execute(sql`SELECT name FROM tenants WHERE id = ${ctx.actor.tenantId}`);
  const tenant = { name: String(res.rows[0]?.name ?? '') };
  const link = `${origin(ctx)}/api/v1/quotes/${id}/print`;
  const subject = `报价单 ${before.number}${before.title ? ` · ${before.title}` : ''} — ${tenant?.name ?? ''}`;
  const batchId = await queueMessages(ctx.tx, ctx.actor.tenantId, ctx.actor.userId, 'email', [
    {
      to: before.contactEmail,
      subject,
      body: quoteMailBody(before, tenant?.name ?? '', link),
      recordType: OBJECT_TYPE,
      recordId: id,
    },
  ]);
  ctx.afterCommit(() => sendBatch(ctx.services, ctx.actor.tenantId, batchId));
  await ctx.tx
    .update(quotes)
    .set({ status: 'sent', sentAt: new Date(), updatedAt: new Date() })
    .where(and(eq(quotes.tenantId, ctx.actor.tenantId), eq(quotes.id, id)));
  const after = await get(ctx, id);
  ctx.audit.record({
    action: 'send',
    objectType: OBJECT_TYPE,
    recordId: id,
    before: { status: before.status },
    after: { status: after.status, to: before.contactEmail },
  });
  return { quote: after, to: before.contactEmail };
}
