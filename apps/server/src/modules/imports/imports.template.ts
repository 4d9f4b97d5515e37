// Import templates: the standard headers plus the tenant's custom fields, with one example row.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { RequestContext } from '../../platform/http/route.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { creditCodeCheckChar, orgCodeCheckChar } from '../../platform/text/index.ts';
import { type CustomField, listCustomFields } from '../customfields/index.ts';
import { FIELD_LABELS, STANDARD_FIELDS, type StandardField } from './imports.fields.ts';
import { sendFile, XLSX_TYPE } from './imports.service.ts';

/** A credit code with valid check characters (org code MA1K4X0A under 91310000). */
const BASE = '91310000MA1K4X0A';
const code17 = `${BASE}${orgCodeCheckChar(BASE.slice(8, 16))}`;
export const EXAMPLE_CREDIT_CODE = `${code17}${creditCodeCheckChar(code17)}`;

function example(field: StandardField, ctx: RequestContext): string {
  const values: Record<StandardField, string> = {
    name: '上海示例科技有限公司',
    shortName: '示例科技',
    kind: '企业',
    creditCode: EXAMPLE_CREDIT_CODE,
    industry: '软件和信息技术服务',
    level: 'A',
    source: '展会',
    status: '跟进中',
    tags: '重点，华东',
    phone: '021-61234567',
    email: 'contact@example.com',
    website: 'https://www.example.com',
    province: '上海市',
    city: '上海市',
    district: '浦东新区',
    street: '张江路 88 号',
    owner: ctx.actor.name,
  };
  return values[field];
}

function customExample(f: CustomField): string {
  switch (f.type) {
    case 'number':
      return '100';
    case 'money':
      return '10000.00';
    case 'date':
      return '2025-01-01';
    case 'select':
      return f.options[0] ?? '';
    case 'multiselect':
      return f.options.slice(0, 2).join('，');
    case 'phone':
      return '13800000000';
    case 'email':
      return 'someone@example.com';
    case 'text':
      return '示例';
    default:
      return '';
  }
}

async function templateRows(ctx: RequestContext): Promise<string[][]> {
  const fields = await listCustomFields(ctx.tx, ctx.actor.tenantId, 'customer');
  const headers = [...STANDARD_FIELDS.map((f) => FIELD_LABELS[f][ctx.locale]), ...fields.map((f) => f.label)];
  const row = [...STANDARD_FIELDS.map((f) => example(f, ctx)), ...fields.map(customExample)];
  return [headers, row];
}

const templateName = (ctx: RequestContext, ext: string) => `${translate(ctx.locale, 'imports.template_name')}.${ext}`;

export async function xlsxTemplate(ctx: RequestContext): Promise<Buffer> {
  const [headers, row] = await templateRows(ctx);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(ctx.locale, 'imports.template_sheet'));
  sheet.addRow(headers!);
  sheet.addRow(row!);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => {
    c.width = 18;
    c.numFmt = '@'; // text: phone numbers and credit codes keep their leading zeros
  });
  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  sendFile(ctx, templateName(ctx, 'xlsx'), XLSX_TYPE, data);
  return data;
}

export async function csvTemplate(ctx: RequestContext): Promise<Buffer> {
  const data = Buffer.from(`\uFEFF${Papa.unparse(await templateRows(ctx))}\r\n`, 'utf8');
  sendFile(ctx, templateName(ctx, 'csv'), 'text/csv; charset=utf-8', data);
  return data;
}
