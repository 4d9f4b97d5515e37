// Reading an uploaded CSV (UTF-8 or GBK/GB18030) or XLSX into a header row and data rows of plain strings.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { invalidField } from '../../platform/errors/errors.ts';

export interface ParsedSheet {
  headers: string[];
  /** Data rows (every cell a string, '' when empty) with their row number in the file. */
  rows: { n: number; cells: string[] }[];
}

export type UploadFormat = 'csv' | 'xlsx';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The format from the name and the bytes: an .xlsx must be a zip; anything else must decode as text. */
export function detectFormat(fileName: string, data: Uint8Array): UploadFormat {
  const lower = fileName.toLowerCase();
  const isZip = ZIP_MAGIC.every((b, i) => data[i] === b);
  if (lower.endsWith('.xlsx')) {
    if (!isZip) throw invalidField('file', 'imports.bad_file');
    return 'xlsx';
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    if (isZip) throw invalidField('file', 'imports.bad_file');
    return 'csv';
  }
  throw invalidField('file', 'imports.unsupported_type');
}

/** UTF-8 (with or without BOM) when valid, else GB18030 (a superset of GBK, what Excel writes for Chinese CSVs). */
export function decodeText(data: Uint8Array): string {
  const bytes = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; hyperlink?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
    if (v.hyperlink) return v.hyperlink;
  }
  return String(value);
}

/** Unique, non-empty header names: a blank header becomes 列3, a repeated one 电话 (2). */
function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.trim() || `列${i + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

function toSheet(rows: { n: number; cells: string[] }[]): ParsedSheet {
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [head, ...data] = nonEmpty;
  if (!head) throw invalidField('file', 'imports.empty_file');
  const width = head.cells.length;
  const headers = uniqueHeaders(head.cells);
  return {
    headers,
    rows: data.map((r) => ({
      n: r.n,
      cells: Array.from({ length: width }, (_, i) => r.cells[i] ?? ''),
    })),
  };
}

function parseCsv(data: Uint8Array): ParsedSheet {
  const text = decodeText(data);
  const result = Papa.parse<string[]>(text, { skipEmptyLines: false });
  return toSheet(result.data.map((cells, i) => ({ n: i + 1, cells: cells.map((c) => c ?? '') })));
}

async function parseXlsx(data: Uint8Array): Promise<ParsedSheet> {
  // The whole-workbook reader, not exceljs's streaming one: the streaming reader splits multi-byte UTF-8
  // characters that straddle a chunk boundary (Chinese text comes out with U+FFFD in it).
  const rows: { n: number; cells: string[] }[] = [];
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as never);
  } catch {
    throw invalidField('file', 'imports.bad_file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalidField('file', 'imports.empty_file');
  sheet.eachRow({ includeEmpty: false }, (row) => {
    // row.values is 1-based: index 0 is always empty.
    const values = (row.values as unknown[]).slice(1);
    rows.push({ n: row.number, cells: Array.from(values, cellText) });
  });
  return toSheet(rows);
}

export async function parseUpload(format: UploadFormat, data: Uint8Array): Promise<ParsedSheet> {
  return format === 'csv' ? parseCsv(data) : parseXlsx(data);
}
