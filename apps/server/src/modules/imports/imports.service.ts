import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { newId } from '../../platform/db/ids.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { cleanFileName, contentDisposition } from '../attachments/file-types.ts';
import { customerAccessRules } from '../customers/customers.policy.ts';
import { assignableOwner } from '../customers/customers.service.ts';
import { listCustomFields } from '../customfields/index.ts';
import { findVisiblePool } from '../pools/pools.queries.ts';
import { actorSnapshot } from './imports.actor.ts';
import { isStandardField, suggestMapping } from './imports.fields.ts';
import { IMPORT_JOB } from './imports.job.ts';
import { detectFormat, parseUpload } from './imports.parse.ts';
import type { ImportJobView, StartBody } from './imports.schemas.ts';
import { encodeSheet, originalKey, saveOriginal } from './imports.storage.ts';
import { importJobs, importRows } from './imports.table.ts';

/** Files with more data rows than this are refused (split them). */
export const MAX_IMPORT_ROWS = 200_000;
const SAMPLE_ROWS = 5;

async function readUpload(ctx: RequestContext): Promise<{ fileName: string; data: Buffer }> {
  if (!ctx.req.isMultipart()) throw invalidField('file', 'field.required');
  const max = ctx.services.config.maxUploadBytes;
  const part = await ctx.req.file({ limits: { fileSize: max, files: 1 } });
  if (part?.fieldname !== 'file') throw invalidField('file', 'field.required');
  try {
    return { fileName: cleanFileName(part.filename), data: await part.toBuffer() };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'imports.too_large', { max: `${Math.floor(max / 1024 / 1024)} MB` });
    }
    throw e;
  }
}

export async function uploadImport(ctx: RequestContext) {
  const { tx, actor, services } = ctx;
  const { fileName, data } = await readUpload(ctx);
  const format = detectFormat(fileName, data);
  const sheet = await parseUpload(format, data);
  if (!sheet.rows.length) throw invalidField('file', 'imports.no_rows');
  if (sheet.rows.length > MAX_IMPORT_ROWS)
    throw invalidField('file', 'imports.too_many_rows', { max: MAX_IMPORT_ROWS });
  const fields = await listCustomFields(tx, actor.tenantId, 'customer');
  const id = newId();
  const storageKey = originalKey(id, format);
  await saveOriginal(services.config, actor.tenantId, storageKey, data);
  await tx.insert(importJobs).values({
    tenantId: actor.tenantId,
    id,
    createdBy: actor.userId,
    fileName,
    storageKey,
    headers: sheet.headers,
    sheet: encodeSheet(sheet),
    rowCount: sheet.rows.length,
  });
  ctx.audit.record({
    action: 'upload',
    objectType: 'import',
    recordId: id,
    after: { fileName, rows: sheet.rows.length },
  });
  return {
    id,
    fileName,
    headers: sheet.headers,
    sampleRows: sheet.rows.slice(0, SAMPLE_ROWS).map((r) => r.cells),
    suggestedMapping: suggestMapping(sheet.headers, fields),
    rowCount: sheet.rows.length,
  };
}

/** The caller's own import (an administrator may open anyone's); anything else is 404. */
async function loadImport(ctx: RequestContext, id: string) {
  const { tx, actor } = ctx;
  const { sheet: _sheet, ...columns } = getTableColumns(importJobs);
  const [job] = await tx
    .select(columns)
    .from(importJobs)
    .where(and(eq(importJobs.tenantId, actor.tenantId), eq(importJobs.id, id)));
  if (!job || (job.createdBy !== actor.userId && !actor.isAdmin)) throw notFound();
  return job;
}

const view = (j: Omit<typeof importJobs.$inferSelect, 'sheet'>): ImportJobView => ({
  id: j.id,
  fileName: j.fileName,
  status: j.status,
  rowCount: j.rowCount,
  processed: j.processed,
  created: j.created,
  updated: j.updated,
  skipped: j.skipped,
  failed: j.failed,
  error: j.error,
  createdAt: j.createdAt,
  startedAt: j.startedAt,
  finishedAt: j.finishedAt,
});

export const getImport = async (ctx: RequestContext, id: string) => view(await loadImport(ctx, id));

async function checkMapping(ctx: RequestContext, headers: string[], mapping: StartBody['mapping']) {
  const custom = new Set((await listCustomFields(ctx.tx, ctx.actor.tenantId, 'customer')).map((f) => f.key));
  const used = new Set<string>();
  for (const [header, target] of Object.entries(mapping)) {
    if (!headers.includes(header)) throw invalidField(`mapping.${header}`, 'field.unknown');
    if (!target) continue;
    const ok = isStandardField(target) || (target.startsWith('custom.') && custom.has(target.slice(7)));
    if (!ok) throw invalidField(`mapping.${header}`, 'field.invalid_option');
    if (used.has(target)) throw invalidField(`mapping.${header}`, 'imports.mapped_twice');
    used.add(target);
  }
  if (!used.has('name')) throw invalidField('mapping', 'imports.name_required');
}

async function checkTarget(ctx: RequestContext, options: StartBody['options']) {
  const { tx, actor } = ctx;
  if (options.poolId && options.ownerId) throw invalidField('options.ownerId', 'imports.owner_or_pool');
  if (options.poolId) {
    try {
      await findVisiblePool(tx, actor, options.poolId);
    } catch {
      throw invalidField('options.poolId', 'field.not_found');
    }
  }
  if (options.ownerId) {
    const owner = await assignableOwner(tx, actor, 'options.ownerId', options.ownerId);
    const { visibleOwners } = await customerAccessRules(tx, actor);
    if (visibleOwners !== 'all' && !visibleOwners.has(owner.id)) {
      throw invalidField('options.ownerId', 'customers.owner_out_of_scope');
    }
  }
}

export async function startImport(ctx: RequestContext, id: string, body: StartBody) {
  const { tx, actor, services } = ctx;
  const job = await loadImport(ctx, id);
  if (job.status !== 'uploaded') throw conflict('imports.already_started');
  await checkMapping(ctx, job.headers, body.mapping);
  await checkTarget(ctx, body.options);
  const [row] = await tx
    .update(importJobs)
    .set({
      status: 'queued',
      mapping: body.mapping,
      options: body.options as unknown as Record<string, unknown>,
      actor: actorSnapshot(actor),
      updatedAt: new Date(),
    })
    .where(and(eq(importJobs.tenantId, actor.tenantId), eq(importJobs.id, id)))
    .returning({ id: importJobs.id });
  if (!row) throw notFound();
  // The job gets the import only once the queued row is committed.
  ctx.afterCommit(async () => {
    await services.jobs.send(IMPORT_JOB, { tenantId: actor.tenantId, importId: id });
  });
  return view({ ...job, status: 'queued' });
}

/** The rejected and skipped rows: the original columns plus 错误原因 and the row number, as XLSX. */
export async function importReport(ctx: RequestContext, id: string) {
  const { tx, actor, locale } = ctx;
  const job = await loadImport(ctx, id);
  const rows = await tx
    .select({ rowNumber: importRows.rowNumber, cells: importRows.cells, reason: importRows.reason })
    .from(importRows)
    .where(and(eq(importRows.tenantId, actor.tenantId), eq(importRows.jobId, id)))
    .orderBy(asc(importRows.rowNumber));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(locale, 'imports.report_sheet'));
  sheet.addRow([...job.headers, translate(locale, 'imports.reason_column'), translate(locale, 'imports.row_column')]);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow([...r.cells, r.reason, r.rowNumber]);
  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  const base = job.fileName.replace(/\.[^.]+$/, '');
  sendFile(ctx, `${base}-${translate(locale, 'imports.report_suffix')}.xlsx`, XLSX_TYPE, data);
  return data;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function sendFile(ctx: RequestContext, fileName: string, type: string, length?: Buffer) {
  ctx.reply
    .type(type)
    .header('content-disposition', contentDisposition(fileName))
    .header('cache-control', 'private, no-store');
  if (length) ctx.reply.header('content-length', length.length);
}
