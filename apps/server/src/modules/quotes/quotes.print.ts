import { sql } from 'drizzle-orm';
import type { Config } from '../../platform/config/config.ts';
import type { Tx } from '../../platform/db/database.ts';
import { openTenantFile } from '../../platform/files/file-store.ts';
import type { QuoteItem } from './quotes.schemas.ts';
import type { QuoteStatus } from './quotes.table.ts';

/** Everything a printed quote shows: the quote, the company (name, logo) and the people on both sides. */
export interface PrintData {
  quote: QuoteItem;
  company: { name: string; logo: { mime: string; data: Buffer } | null };
  customerPhone: string | null;
  contactMobile: string | null;
  ownerMobile: string | null;
  ownerEmail: string | null;
  /** The date the quote is printed for (its creation date), YYYY-MM-DD. */
  date: string;
}

const mimeByExtension: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

async function readLogo(config: Pick<Config, 'dataDir'>, tenantId: string, file: string | null) {
  if (!file) return null;
  const opened = await openTenantFile(config, tenantId, file);
  if (!opened) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
  return {
    mime: mimeByExtension[file.split('.').pop() ?? ''] ?? 'application/octet-stream',
    data: Buffer.concat(chunks),
  };
}

export async function loadPrintData(
  tx: Tx,
  config: Pick<Config, 'dataDir'>,
  tenantId: string,
  quote: QuoteItem,
): Promise<PrintData> {
  const res = await tx.execute(sql`SELECT t.name AS "companyName", t.logo_file AS "logoFile",
      cu.phone AS "customerPhone", ct.mobile AS "contactMobile", u.mobile AS "ownerMobile", u.email AS "ownerEmail",
      to_char(q.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date
    FROM quotes q
    JOIN tenants t ON t.id = q.tenant_id
    LEFT JOIN customers cu ON cu.tenant_id = q.tenant_id AND cu.id = q.customer_id
    LEFT JOIN contacts ct ON ct.tenant_id = q.tenant_id AND ct.id = q.contact_id
    LEFT JOIN users u ON u.tenant_id = q.tenant_id AND u.id = q.owner_id
    WHERE q.tenant_id = ${tenantId} AND q.id = ${quote.id}`);
  const row = res.rows[0] ?? {};
  const str = (v: unknown) => (v == null || v === '' ? null : String(v));
  return {
    quote,
    company: { name: String(row.companyName ?? ''), logo: await readLogo(config, tenantId, str(row.logoFile)) },
    customerPhone: str(row.customerPhone),
    contactMobile: str(row.contactMobile),
    ownerMobile: str(row.ownerMobile),
    ownerEmail: str(row.ownerEmail),
    date: String(row.date ?? quote.createdAt.toISOString().slice(0, 10)),
  };
}

export const statusLabels: Record<QuoteStatus, string> = {
  draft: '草稿',
  pending_approval: '审批中',
  approved: '已审批',
  sent: '已发送',
  accepted: '已接受',
  rejected: '已拒绝',
  expired: '已过期',
};

const esc = (v: unknown) =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
/** Thousands separators on the integer part only: 12345.67 → 12,345.67. */
export const groupDigits = (v: string) => {
  const [i = '', f] = v.split('.');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${f !== undefined ? `.${f}` : ''}`;
};
/** An amount as printed: ¥ and grouped digits. */
export const yuan = (v: string) => `¥${groupDigits(v)}`;

/**
 * The print view (打印预览): one self-contained HTML page in zh-CN, A4, print-styled (@page margins, the table
 * header repeated on every page, no page break inside a line). No scripts, inline CSS only, the logo as a data URL,
 * so the same page works behind the login, in the web app's iframe and on the customer's public link.
 */
export function renderQuoteHtml(d: PrintData): string {
  const q = d.quote;
  const logo = d.company.logo
    ? `<img class="logo" alt="" src="data:${d.company.logo.mime};base64,${d.company.logo.data.toString('base64')}">`
    : '';
  const rows = q.lines
    .map(
      (l, i) => `<tr>
        <td class="c">${i + 1}</td>
        <td>${esc(l.productName)}<div class="sub">${esc(l.productCode)}${l.specification ? ` · ${esc(l.specification)}` : ''}</div></td>
        <td class="r">${esc(groupDigits(l.quantity))}</td>
        <td class="c">${esc(l.unit)}</td>
        <td class="r">${esc(yuan(l.unitPrice))}</td>
        <td class="r">${l.discountRate === '0' ? '—' : `${esc(l.discountRate)}%`}</td>
        <td class="r">${esc(l.taxRate)}%</td>
        <td class="r">${esc(yuan(l.net))}</td>
        <td class="r">${esc(yuan(l.tax))}</td>
        <td class="r">${esc(yuan(l.total))}</td>
      </tr>`,
    )
    .join('');
  const contactLine = [q.contactName, d.contactMobile, q.contactEmail].filter(Boolean).map(esc).join(' · ');
  const ownerLine = [q.ownerName, d.ownerMobile, d.ownerEmail].filter(Boolean).map(esc).join(' · ');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>报价单 ${esc(q.number)}</title>
<style>
  @page { size: A4; margin: 15mm 12mm; }
  * { box-sizing: border-box; }
  body { font-family: "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif;
    color: #222; font-size: 12px; margin: 0; padding: 16px; background: #fff; }
  .page { max-width: 900px; margin: 0 auto; }
  header { display: flex; align-items: center; gap: 12px; border-bottom: 2px solid #1f4e8c; padding-bottom: 8px; }
  .logo { max-height: 48px; max-width: 160px; }
  .company { font-size: 18px; font-weight: 600; flex: 1; }
  h1 { text-align: center; font-size: 22px; letter-spacing: 8px; margin: 16px 0 4px; }
  .en { text-align: center; color: #888; font-size: 11px; letter-spacing: 2px; margin-bottom: 12px; }
  .meta { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 24px; margin-bottom: 12px; }
  .meta div span { color: #666; display: inline-block; min-width: 5em; }
  table { width: 100%; border-collapse: collapse; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; }
  th { background: #eef2f8; font-weight: 600; white-space: nowrap; }
  td.r, th.r { text-align: right; white-space: nowrap; }
  td.c { text-align: center; }
  .sub { color: #777; font-size: 10px; }
  .totals { margin-top: 8px; margin-left: auto; width: 340px; }
  .totals td { border: none; padding: 2px 6px; }
  .totals tr.grand td { border-top: 1px solid #222; font-weight: 700; font-size: 14px; }
  .words { margin-top: 8px; padding: 6px 8px; border: 1px solid #999; }
  .words b { font-size: 14px; }
  .block { margin-top: 12px; white-space: pre-wrap; }
  .block h2 { font-size: 13px; margin: 0 0 4px; }
  .signs { display: grid; grid-template-columns: 1fr 1fr; gap: 48px; margin-top: 40px; }
  .signs div { border-top: 1px solid #222; padding-top: 4px; }
  .status { color: #888; font-size: 11px; }
  @media print { body { padding: 0; } .status { display: none; } }
</style></head>
<body><div class="page">
<header>${logo}<div class="company">${esc(d.company.name)}</div>
  <div class="status">${esc(statusLabels[q.status])}</div></header>
<h1>报价单</h1><div class="en">QUOTATION</div>
<div class="meta">
  <div><span>报价单号</span>${esc(q.number)}</div>
  <div><span>报价日期</span>${esc(d.date)}</div>
  <div><span>客户</span>${esc(q.customerName)}</div>
  <div><span>有效期至</span>${esc(q.validUntil)}</div>
  <div><span>联系人</span>${contactLine || '—'}</div>
  <div><span>报价人</span>${ownerLine}</div>
  ${q.title ? `<div><span>项目</span>${esc(q.title)}</div>` : ''}
  <div><span>币种</span>人民币（${esc(q.currency)}）</div>
</div>
<table>
  <thead><tr><th>序号</th><th>产品</th><th class="r">数量</th><th>单位</th><th class="r">单价</th><th class="r">折扣</th>
    <th class="r">税率</th><th class="r">金额（不含税）</th><th class="r">税额</th><th class="r">价税合计</th></tr></thead>
  <tbody>${rows || '<tr><td colspan="10" class="c">（无明细）</td></tr>'}</tbody>
</table>
<table class="totals">
  <tr><td>小计</td><td class="r">${yuan(q.subtotal)}</td></tr>
  <tr><td>折扣合计${q.extraDiscount !== '0.00' ? `（含整单优惠 ${yuan(q.extraDiscount)}）` : ''}</td><td class="r">-${yuan(q.discountTotal)}</td></tr>
  <tr><td>不含税金额</td><td class="r">${yuan(q.amountExclTax)}</td></tr>
  <tr><td>税额</td><td class="r">${yuan(q.taxTotal)}</td></tr>
  <tr class="grand"><td>价税合计</td><td class="r">${yuan(q.total)}</td></tr>
</table>
<div class="words">大写金额（人民币）：<b>${esc(q.totalInWords)}</b></div>
${q.terms ? `<div class="block"><h2>条款</h2>${esc(q.terms)}</div>` : ''}
${q.notes ? `<div class="block"><h2>备注</h2>${esc(q.notes)}</div>` : ''}
<div class="signs">
  <div>供方（盖章）：${esc(d.company.name)}<br><br>签字：<br><br>日期：</div>
  <div>需方（盖章）：${esc(q.customerName)}<br><br>签字：<br><br>日期：</div>
</div>
</div></body></html>`;
}
