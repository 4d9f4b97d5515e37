import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { opportunities } from '../opportunities/opportunities.table.ts';
import { getProducts, products, unitPrice } from '../products/index.ts';
import { nextNumber } from './quotes.service.ts';
import { type QuoteStatus, quoteLines, quotes } from './quotes.table.ts';
import { computeTotals } from './quotes.totals.ts';

type Owner = 'manager' | 's1' | 's2';
interface DemoQuote {
  opportunity: string;
  owner: Owner;
  status: QuoteStatus;
  title: string;
  validInDays: number;
  extraDiscount: string;
  lines: Array<{ code: string; unit: string; quantity: string; discountRate: string; taxRate: string }>;
}

/** Three quotes on demo opportunities: one sent, one draft past the approval threshold, one accepted. */
const DEMO: DemoQuote[] = [
  {
    opportunity: '星辰科技 CRM 采购',
    owner: 's1',
    status: 'sent',
    title: '办公设备及耗材',
    validInDays: 30,
    extraDiscount: '0',
    lines: [
      { code: 'PC-NB-14', unit: '台', quantity: '10', discountRate: '5', taxRate: '13' },
      { code: 'PC-MS-01', unit: '箱', quantity: '1', discountRate: '0', taxRate: '13' },
      { code: 'BG-A4-70', unit: '箱', quantity: '20', discountRate: '0', taxRate: '13' },
    ],
  },
  {
    opportunity: '南方医疗设备管理平台',
    owner: 's1',
    status: 'draft',
    title: '笔记本电脑批量采购（特价）',
    validInDays: 15,
    extraDiscount: '500.00',
    lines: [
      { code: 'PC-NB-14', unit: '台', quantity: '30', discountRate: '25', taxRate: '13' },
      { code: 'WJ-PEN-05', unit: '盒', quantity: '50', discountRate: '10', taxRate: '13' },
    ],
  },
  {
    opportunity: '宝安电商仓储对接',
    owner: 'manager',
    status: 'accepted',
    title: '仓储办公用品',
    validInDays: 10,
    extraDiscount: '88.00',
    lines: [
      { code: 'BG-A4-70', unit: '箱', quantity: '40', discountRate: '8', taxRate: '13' },
      { code: 'WJ-NB-A5', unit: '包', quantity: '12', discountRate: '0', taxRate: '13' },
      { code: 'PC-CB-HDMI', unit: '根', quantity: '6', discountRate: '0', taxRate: '13' },
    ],
  },
];

const DAY = 86_400_000;
const TERMS =
  '1. 付款方式：合同签订后预付 30%，到货验收后支付余款。\n2. 交货期：收到预付款后 7 个工作日内送达。\n3. 以上价格含 13% 增值税专用发票。';

export async function seedDemoQuotes(ctx: { tx: Tx; actor: { tenantId: string } }, owners: Record<Owner, string>) {
  const { tx } = ctx;
  const { tenantId } = ctx.actor;
  const opps = await tx
    .select({ id: opportunities.id, name: opportunities.name, customerId: opportunities.customerId })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.tenantId, tenantId),
        inArray(
          opportunities.name,
          DEMO.map((d) => d.opportunity),
        ),
      ),
    );
  const codes = [...new Set(DEMO.flatMap((d) => d.lines.map((l) => l.code)))];
  const found = await tx
    .select({ id: products.id, code: products.code })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), inArray(products.code, codes)));
  const byCode = new Map(
    (
      await getProducts(
        tx,
        tenantId,
        found.map((p) => p.id),
      )
    ).map((p) => [p.code, p]),
  );
  const year = new Date().getFullYear();
  let n = 0;
  for (const d of DEMO) {
    const opp = opps.find((o) => o.name === d.opportunity);
    if (!opp) continue;
    const [contact] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), eq(contacts.customerId, opp.customerId)))
      .limit(1);
    const lines = d.lines.flatMap((l) => {
      const p = byCode.get(l.code);
      const price = p ? unitPrice(p, l.unit) : null;
      return p && price ? [{ ...l, product: p, unitPrice: price.toFixed(2) }] : [];
    });
    const totals = computeTotals(lines, d.extraDiscount);
    const id = newId();
    const ownerId = owners[d.owner];
    await tx.insert(quotes).values({
      tenantId,
      id,
      number: await nextNumber(tx, tenantId, year),
      ownerId,
      createdBy: ownerId,
      customerId: opp.customerId,
      contactId: contact?.id ?? null,
      opportunityId: opp.id,
      title: d.title,
      status: d.status,
      validUntil: new Date(Date.now() + d.validInDays * DAY).toISOString().slice(0, 10),
      extraDiscount: totals.extraDiscount,
      subtotal: totals.subtotal,
      discountTotal: totals.discountTotal,
      amountExclTax: totals.amountExclTax,
      taxTotal: totals.tax,
      total: totals.total,
      terms: TERMS,
      sentAt: d.status === 'draft' ? null : new Date(Date.now() - 2 * DAY),
    });
    await tx.insert(quoteLines).values(
      lines.map((l, i) => ({
        tenantId,
        id: newId(),
        quoteId: id,
        position: i + 1,
        productId: l.product.id,
        productName: l.product.name,
        productCode: l.product.code,
        specification: l.product.specification,
        unit: l.unit,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountRate: l.discountRate,
        taxRate: l.taxRate,
        ...totals.lines[i]!,
      })),
    );
    n++;
  }
  return n;
}
