import { eq } from 'drizzle-orm';
import { newId } from '../../platform/db/ids.ts';
import { AppError, invalidField } from '../../platform/errors/errors.ts';
import { openTenantFile, removeTenantFile, saveTenantFile } from '../../platform/files/file-store.ts';
import { declaredImageType, detectImageType, type ImageType, imageMimeTypes } from '../../platform/files/image-type.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { tenants } from '../tenants/tenants.table.ts';
import { logoUrl, tenantRow } from './settings.service.ts';

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

async function readUpload(ctx: RequestContext): Promise<{ data: Buffer; type: ImageType }> {
  if (!ctx.req.isMultipart()) throw invalidField('file', 'field.required');
  const part = await ctx.req.file({ limits: { fileSize: MAX_LOGO_BYTES, files: 1 } });
  if (part?.fieldname !== 'file') throw invalidField('file', 'field.required');
  const declared = declaredImageType(part.mimetype);
  if (!declared) {
    part.file.resume();
    throw invalidField('file', 'settings.logo_type');
  }
  let data: Buffer;
  try {
    data = await part.toBuffer();
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'settings.logo_too_large', { max: '2 MB' });
    }
    throw e;
  }
  // The bytes must really be the image type the client declared: a renamed file is refused.
  if (detectImageType(data) !== declared) throw invalidField('file', 'settings.logo_type');
  return { data, type: declared };
}

export async function uploadLogo(ctx: RequestContext): Promise<{ logoUrl: string | null }> {
  const { tx, actor, services } = ctx;
  const { data, type } = await readUpload(ctx);
  const before = await tenantRow(tx, actor.tenantId);
  const name = `logo-${newId()}.${type === 'jpeg' ? 'jpg' : type}`;
  await saveTenantFile(services.config, actor.tenantId, name, data);
  await tx.update(tenants).set({ logoFile: name, updatedAt: new Date() }).where(eq(tenants.id, actor.tenantId));
  if (before.logoFile) {
    const old = before.logoFile;
    ctx.afterCommit(() => removeTenantFile(services.config, actor.tenantId, old));
  }
  ctx.audit.record({
    action: 'logo_upload',
    objectType: 'settings',
    recordId: actor.tenantId,
    before: { logoFile: before.logoFile },
    after: { logoFile: name },
  });
  return { logoUrl: logoUrl(name) };
}

export async function deleteLogo(ctx: RequestContext): Promise<{ logoUrl: null }> {
  const { tx, actor, services } = ctx;
  const before = await tenantRow(tx, actor.tenantId);
  if (before.logoFile) {
    const old = before.logoFile;
    await tx.update(tenants).set({ logoFile: null, updatedAt: new Date() }).where(eq(tenants.id, actor.tenantId));
    ctx.afterCommit(() => removeTenantFile(services.config, actor.tenantId, old));
    ctx.audit.record({
      action: 'logo_delete',
      objectType: 'settings',
      recordId: actor.tenantId,
      before: { logoFile: old },
      after: { logoFile: null },
    });
  }
  return { logoUrl: null };
}

const mimeByExtension: Record<string, string> = {
  png: imageMimeTypes.png,
  jpg: imageMimeTypes.jpeg,
  webp: imageMimeTypes.webp,
};

/** Stream the actor's own company logo; 404 when there is none. */
export async function sendLogo(ctx: RequestContext) {
  const { tx, actor, services, reply } = ctx;
  const { logoFile } = await tenantRow(tx, actor.tenantId);
  const file = logoFile ? await openTenantFile(services.config, actor.tenantId, logoFile) : null;
  if (!logoFile || !file) throw new AppError(404, 'settings.no_logo');
  reply
    .type(mimeByExtension[logoFile.split('.').pop()!] ?? 'application/octet-stream')
    .header('content-length', file.size)
    .header('cache-control', 'private, max-age=86400');
  return file.stream;
}
