import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/db/ids.ts';
import { AppError, forbidden, invalidField, notFound } from '../../platform/errors/errors.ts';
import { openTenantFile, removeTenantFile, saveTenantFile } from '../../platform/files/file-store.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { attachable, type RecordAccess } from './attachments.registry.ts';
import { attachments } from './attachments.table.ts';
import { checkFileType, cleanFileName, contentDisposition } from './file-types.ts';

export const attachment = z.object({
  id: z.uuid(),
  recordType: z.string(),
  recordId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: z.uuid().nullable(),
  uploadedByName: z.string().nullable(),
  createdAt: z.date(),
});
export type Attachment = z.infer<typeof attachment>;

/** The actor's access to the record; 404 for an unknown type or a record they cannot see. */
async function recordAccess(ctx: RequestContext, recordType: string, recordId: string): Promise<RecordAccess> {
  const def = attachable(recordType);
  const access = def ? await def.access(ctx.tx, ctx.actor, recordId) : 'none';
  if (access === 'none') throw notFound();
  return access;
}

async function requireWrite(ctx: RequestContext, recordType: string, recordId: string) {
  if ((await recordAccess(ctx, recordType, recordId)) !== 'write') throw forbidden();
}

const select = {
  id: attachments.id,
  recordType: attachments.recordType,
  recordId: attachments.recordId,
  fileName: attachments.fileName,
  contentType: attachments.contentType,
  size: attachments.size,
  uploadedBy: attachments.uploadedBy,
  uploadedByName: sql<string | null>`(SELECT u.name FROM users u
    WHERE u.tenant_id = ${attachments.tenantId} AND u.id = ${attachments.uploadedBy})`,
  createdAt: attachments.createdAt,
  storageKey: attachments.storageKey,
};

const publicFields = ({ storageKey: _, ...rest }: Attachment & { storageKey: string }): Attachment => rest;

export async function listAttachments(ctx: RequestContext, recordType: string, recordId: string) {
  await recordAccess(ctx, recordType, recordId);
  const rows = await ctx.tx
    .select(select)
    .from(attachments)
    .where(
      and(
        eq(attachments.tenantId, ctx.actor.tenantId),
        eq(attachments.recordType, recordType),
        eq(attachments.recordId, recordId),
      ),
    )
    .orderBy(attachments.createdAt, attachments.id);
  return { items: rows.map(publicFields) };
}

async function readUpload(ctx: RequestContext): Promise<{ fileName: string; contentType: string; data: Buffer }> {
  if (!ctx.req.isMultipart()) throw invalidField('file', 'field.required');
  const max = ctx.services.config.maxUploadBytes;
  const part = await ctx.req.file({ limits: { fileSize: max, files: 1 } });
  if (part?.fieldname !== 'file') throw invalidField('file', 'field.required');
  const fileName = cleanFileName(part.filename);
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'attachments.too_large', { max: `${Math.floor(max / 1024 / 1024)} MB` });
    }
    throw e;
  }
  if (!fileName) throw invalidField('file', 'field.required');
  const contentType = checkFileType(fileName, data);
  if (!contentType) throw invalidField('file', 'attachments.type_not_allowed');
  return { fileName, contentType, data };
}

export async function uploadAttachment(ctx: RequestContext, recordType: string, recordId: string): Promise<Attachment> {
  const { tx, actor, services } = ctx;
  await requireWrite(ctx, recordType, recordId);
  const { fileName, contentType, data } = await readUpload(ctx);
  const id = newId();
  const storageKey = `att-${id}`;
  await saveTenantFile(services.config, actor.tenantId, storageKey, data);
  // The file is on disk before the row commits; if the transaction fails, remove it again.
  ctx.reply.raw.once('finish', () => {
    if (ctx.reply.statusCode >= 400) void removeTenantFile(services.config, actor.tenantId, storageKey).catch(() => {});
  });
  await tx.insert(attachments).values({
    tenantId: actor.tenantId,
    id,
    recordType,
    recordId,
    fileName,
    contentType,
    size: data.length,
    storageKey,
    uploadedBy: actor.userId,
  });
  const after = { recordType, recordId, fileName, contentType, size: data.length };
  ctx.audit.record({ action: 'create', objectType: 'attachment', recordId: id, after });
  return (await findAttachment(ctx, id)).row;
}

/** One attachment whose record the actor may see; 404 otherwise. */
async function findAttachment(ctx: RequestContext, id: string) {
  const [row] = await ctx.tx
    .select(select)
    .from(attachments)
    .where(and(eq(attachments.tenantId, ctx.actor.tenantId), eq(attachments.id, id)));
  if (!row) throw notFound();
  const access = await recordAccess(ctx, row.recordType, row.recordId);
  return { row: publicFields(row), storageKey: row.storageKey, access };
}

export async function downloadAttachment(ctx: RequestContext, id: string) {
  const { row, storageKey } = await findAttachment(ctx, id);
  const file = await openTenantFile(ctx.services.config, ctx.actor.tenantId, storageKey);
  if (!file) throw notFound();
  ctx.reply
    .type(row.contentType)
    .header('content-length', file.size)
    .header('content-disposition', contentDisposition(row.fileName))
    .header('cache-control', 'private, no-store');
  return file.stream;
}

export async function deleteAttachment(ctx: RequestContext, id: string): Promise<void> {
  const { row, storageKey, access } = await findAttachment(ctx, id);
  if (access !== 'write') throw forbidden();
  await ctx.tx.delete(attachments).where(and(eq(attachments.tenantId, ctx.actor.tenantId), eq(attachments.id, id)));
  ctx.afterCommit(() => removeTenantFile(ctx.services.config, ctx.actor.tenantId, storageKey));
  const before = { recordType: row.recordType, recordId: row.recordId, fileName: row.fileName, size: row.size };
  ctx.audit.record({ action: 'delete', objectType: 'attachment', recordId: id, before });
}

/**
 * Remove every file of these records, in the caller's transaction (the files go once it committed).
 * Modules call it when they delete a record that can carry attachments.
 */
export async function removeAttachmentsOf(ctx: RequestContext, recordType: string, recordIds: string[]): Promise<void> {
  if (!recordIds.length) return;
  const removed = await ctx.tx
    .delete(attachments)
    .where(
      and(
        eq(attachments.tenantId, ctx.actor.tenantId),
        eq(attachments.recordType, recordType),
        inArray(attachments.recordId, recordIds),
      ),
    )
    .returning({ storageKey: attachments.storageKey });
  if (!removed.length) return;
  ctx.afterCommit(async () => {
    for (const r of removed) await removeTenantFile(ctx.services.config, ctx.actor.tenantId, r.storageKey);
  });
}
