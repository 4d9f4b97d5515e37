import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from '../../platform/errors/errors.ts';
import { groupDigits, type PrintData, yuan } from './quotes.print.ts';

/*
 * The quote as a PDF (pdfkit), laid out like the print view. Chinese needs a CJK font embedded: Debian's
 * fonts-wqy-microhei (scripts/test-all.sh installs it). pdfkit embeds a subset of the glyphs used, with a
 * ToUnicode map, so the text can be searched and copied. Without any of the fonts below the route answers
 * 503 quotes.pdf_font_missing rather than a PDF of empty boxes.
 */

/** Candidate fonts, first found wins: a path and, for a collection (.ttc), the face's PostScript name. */
let fontCandidates: Array<{ path: string; family?: string }> = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
];

/** Tests only: replace the candidate fonts (e.g. with none, to see the 503). Returns the previous list. */
export function setPdfFonts(list: Array<{ path: string; family?: string }>) {
  const before = fontCandidates;
  fontCandidates = list;
  return before;
}

export function findCjkFont(): { path: string; family?: string } | null {
  return fontCandidates.find((f) => existsSync(f.path)) ?? null;
}

export async function renderQuotePdf(d: PrintData): Promise<Buffer> {
  const font = findCjkFont();
  if (!font) throw new AppError(503, 'quotes.pdf_font_missing');
  const q = d.quote;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 42, bottom: 42, left: 36, right: 36 },
    info: { Title: `报价单 ${q.number}`, Author: d.company.name, Subject: q.customerName ?? '' },
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom;

  // Header: logo and company name, a rule below.
  let y = doc.page.margins.top;
  if (d.company.logo && d.company.logo.mime !== 'image/webp') {
    try {
      doc.image(d.company.logo.data, left, y, { fit: [120, 36] });
    } catch {
      // An unreadable logo is left out rather than failing the whole document.
    }
  }
  doc
    .fontSize(15)
    .fillColor('#222')
    .text(d.company.name, left + (d.company.logo ? 130 : 0), y + 8, { width: width - 130 });
  y += 42;
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(1.5)
    .strokeColor('#1f4e8c')
    .stroke();
  y += 10;
  doc.fontSize(20).text('报 价 单', left, y, { width, align: 'center' });
  y += 26;
  doc.fontSize(8).fillColor('#888').text('QUOTATION', left, y, { width, align: 'center', characterSpacing: 2 });
  y += 16;

  // Meta: two columns of label/value pairs.
  const meta: Array<[string, string]> = [
    ['报价单号', q.number],
    ['报价日期', d.date],
    ['客户', q.customerName ?? ''],
    ['有效期至', q.validUntil],
    ['联系人', [q.contactName, d.contactMobile, q.contactEmail].filter(Boolean).join(' · ') || '—'],
    ['报价人', [q.ownerName, d.ownerMobile, d.ownerEmail].filter(Boolean).join(' · ')],
  ];
  if (q.title) meta.push(['项目', q.title]);
  meta.push(['币种', `人民币（${q.currency}）`]);
  doc.fontSize(9).fillColor('#222');
  const colW = width / 2;
  for (let i = 0; i < meta.length; i += 2) {
    let rowH = 0;
    for (let j = 0; j < 2 && i + j < meta.length; j++) {
      const [label, value] = meta[i + j]!;
      const x = left + j * colW;
      doc.fillColor('#666').text(label, x, y, { width: 50 });
      doc.fillColor('#222').text(value, x + 52, y, { width: colW - 60 });
      rowH = Math.max(rowH, doc.heightOfString(value, { width: colW - 60 }));
    }
    y += rowH + 4;
  }
  y += 6;

  // Lines table.
  const cols = [
    { title: '序号', w: 26, align: 'center' as const },
    { title: '产品', w: 120, align: 'left' as const },
    { title: '数量', w: 46, align: 'right' as const },
    { title: '单位', w: 30, align: 'center' as const },
    { title: '单价', w: 56, align: 'right' as const },
    { title: '折扣', w: 34, align: 'right' as const },
    { title: '税率', w: 30, align: 'right' as const },
    { title: '金额', w: 60, align: 'right' as const },
    { title: '税额', w: 50, align: 'right' as const },
    { title: '价税合计', w: 0, align: 'right' as const },
  ];
  cols[cols.length - 1]!.w = width - cols.slice(0, -1).reduce((s, c) => s + c.w, 0);
  const pad = 3;
  const drawRow = (cells: string[], header: boolean) => {
    doc.fontSize(header ? 8.5 : 8);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]!.w - 2 * pad }))) + 2 * pad;
    if (y + h > bottom) {
      doc.addPage();
      y = doc.page.margins.top;
      if (!header)
        drawRow(
          cols.map((c) => c.title),
          true,
        );
    }
    let x = left;
    if (header) doc.rect(left, y, width, h).fill('#eef2f8');
    cells.forEach((c, i) => {
      const col = cols[i]!;
      doc.rect(x, y, col.w, h).lineWidth(0.5).strokeColor('#999').stroke();
      doc.fillColor('#222').text(c, x + pad, y + pad, { width: col.w - 2 * pad, align: header ? 'center' : col.align });
      x += col.w;
    });
    y += h;
  };
  drawRow(
    cols.map((c) => c.title),
    true,
  );
  q.lines.forEach((l, i) => {
    drawRow(
      [
        String(i + 1),
        `${l.productName}\n${l.productCode}${l.specification ? ` · ${l.specification}` : ''}`,
        groupDigits(l.quantity),
        l.unit,
        yuan(l.unitPrice),
        l.discountRate === '0' ? '—' : `${l.discountRate}%`,
        `${l.taxRate}%`,
        yuan(l.net),
        yuan(l.tax),
        yuan(l.total),
      ],
      false,
    );
  });
  if (!q.lines.length) drawRow(['', '（无明细）', '', '', '', '', '', '', '', ''], false);

  // Totals, right-aligned, then the amount in words.
  const ensure = (h: number) => {
    if (y + h > bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
  };
  y += 8;
  const totals: Array<[string, string]> = [
    ['小计', yuan(q.subtotal)],
    [
      q.extraDiscount !== '0.00' ? `折扣合计（含整单优惠 ${yuan(q.extraDiscount)}）` : '折扣合计',
      `-${yuan(q.discountTotal)}`,
    ],
    ['不含税金额', yuan(q.amountExclTax)],
    ['税额', yuan(q.taxTotal)],
    ['价税合计', yuan(q.total)],
  ];
  const tx = left + width - 260;
  for (const [label, value] of totals) {
    ensure(16);
    const grand = label === '价税合计';
    doc.fontSize(grand ? 11 : 9).fillColor('#222');
    if (grand)
      doc
        .moveTo(tx, y - 2)
        .lineTo(left + width, y - 2)
        .lineWidth(0.8)
        .strokeColor('#222')
        .stroke();
    doc.text(label, tx, y, { width: 160 });
    doc.text(value, tx + 160, y, { width: 100, align: 'right' });
    y += grand ? 18 : 14;
  }
  ensure(24);
  doc.rect(left, y, width, 22).lineWidth(0.5).strokeColor('#999').stroke();
  doc
    .fontSize(10)
    .fillColor('#222')
    .text(`大写金额（人民币）：${q.totalInWords}`, left + 6, y + 6, { width: width - 12 });
  y += 32;

  for (const [title, body] of [
    ['条款', q.terms],
    ['备注', q.notes],
  ] as const) {
    if (!body) continue;
    const h = doc.fontSize(9).heightOfString(body, { width });
    ensure(16 + Math.min(h, 60));
    doc.fontSize(10).text(title, left, y);
    y += 14;
    doc.fontSize(9).text(body, left, y, { width });
    y = doc.y + 8;
  }

  // Signature lines.
  ensure(90);
  y += 24;
  const half = (width - 40) / 2;
  for (const [i, who] of [`供方（盖章）：${d.company.name}`, `需方（盖章）：${q.customerName ?? ''}`].entries()) {
    const x = left + i * (half + 40);
    doc
      .moveTo(x, y)
      .lineTo(x + half, y)
      .lineWidth(0.8)
      .strokeColor('#222')
      .stroke();
    doc.fontSize(9).text(who, x, y + 4, { width: half });
    doc.text('签字：', x, y + 26);
    doc.text('日期：', x, y + 46);
  }

  // Page numbers.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: lift the margin for this line so pdfkit does not start a new page.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(8)
      .fillColor('#888')
      .text(`${q.number}  第 ${i + 1} / ${range.count} 页`, left, doc.page.height - 30, {
        width,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
