// Export of the customer list (导出) with the list's own filters and data scope: the pages come from the
// customers module's list query (listCustomers), so what a user exports is exactly what they may list.
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { z } from 'zod';
import type { RequestContext } from '../../platform/http/route.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { contentDisposition } from '../attachments/file-types.ts';
import { listCustomers } from '../customers/customers.list.ts';
import { type Customer, customerListQuery } from '../customers/customers.schemas.ts';
import { type CustomField, listCustomFields } from '../customfields/index.ts';
import { FIELD_LABELS, STANDARD_FIELDS, type StandardField } from './imports.fields.ts';
import { XLSX_TYPE } from './imports.service.ts';

export const exportQuery = customerListQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') });
export type ExportQuery = z.output<typeof exportQuery>;

const PAGE = 1000;
/** Every standard column, in the order of the import template, so an export re-imports as it is. */
const EXPORTED: readonly StandardField[] = STANDARD_FIELDS;

function columns(locale: RequestContext['locale'], fields: CustomField[]) {
  const kind = (c: Customer) =>
    translate(locale, c.kind === 'individual' ? 'imports.kind_individual' : 'imports.kind_enterprise');
  const std = EXPORTED.map((f) => ({
    header: FIELD_LABELS[f][locale],
    value: (c: Customer): string => {
      if (f === 'owner') return c.ownerName ?? '';
      if (f === 'kind') return kind(c);
      if (f === 'tags') return c.tags.join(locale === 'en' ? ', ' : '，');
      return (c[f] as string | null) ?? '';
    },
  }));
  const extra = [
    { header: translate(locale, 'imports.col_department'), value: (c: Customer) => c.departmentName ?? '' },
    { header: translate(locale, 'imports.col_created'), value: (c: Customer) => c.createdAt.toISOString() },
    { header: translate(locale, 'imports.col_updated'), value: (c: Customer) => c.updatedAt.toISOString() },
  ];
  const custom = fields.map((f) => ({
    header: f.label,
    value: (c: Customer) => {
      const v = c.custom[f.key];
      if (v === null || v === undefined) return '';
      return Array.isArray(v) ? v.join(locale === 'en' ? ', ' : '，') : String(v);
    },
  }));
  return [...std, ...extra, ...custom];
}

export async function exportCustomers(ctx: RequestContext, query: ExportQuery): Promise<void> {
  const { tx, actor, locale } = ctx;
  const { format, ...filters } = query;
  const cols = columns(locale, await listCustomFields(tx, actor.tenantId, 'customer'));
  const page = (cursor?: string) => listCustomers(tx, actor, { ...filters, limit: PAGE, cursor });
  // The first page before any byte goes out: a bad filter is still an ordinary 400.
  let current = await page(filters.cursor);

  const fileName = `${translate(locale, 'imports.export_name')}-${new Date().toISOString().slice(0, 10)}.${format}`;
  ctx.reply.hijack();
  const raw = ctx.reply.raw;
  raw.writeHead(200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
    'content-disposition': contentDisposition(fileName),
    'cache-control': 'private, no-store',
  });
  let count = 0;
  try {
    if (format === 'csv') {
      const write = async (chunk: string) => {
        if (!raw.write(chunk)) await once(raw, 'drain');
      };
      await write(`\uFEFF${Papa.unparse([cols.map((c) => c.header)])}\r\n`);
      for (;;) {
        if (current.items.length) {
          await write(`${Papa.unparse(current.items.map((c) => cols.map((col) => col.value(c))))}\r\n`);
        }
        count += current.items.length;
        if (!current.nextCursor) break;
        current = await page(current.nextCursor);
      }
      raw.end();
    } else {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: raw,
        useStyles: false,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet(translate(locale, 'imports.export_sheet'));
      sheet.addRow(cols.map((c) => c.header)).commit();
      for (;;) {
        for (const c of current.items) sheet.addRow(cols.map((col) => col.value(c))).commit();
        count += current.items.length;
        if (!current.nextCursor) break;
        current = await page(current.nextCursor);
      }
      sheet.commit();
      await workbook.commit();
    }
  } catch (err) {
    ctx.req.log.error({ err }, 'customer export failed midway');
    raw.destroy(err as Error);
    return;
  }
  ctx.audit.record({ action: 'export', objectType: 'customer', after: { format, rows: count } });
  await ctx.audit.flush(tx);
}
