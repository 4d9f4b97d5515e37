import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, conflict, notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import type { CreateBody, CustomField, PatchBody } from './customfields.schemas.ts';
import { type CustomObjectType, customFields, customValueTables } from './customfields.table.ts';

/** At most this many live fields per record type: forms and the jsonb column stay manageable. */
export const MAX_FIELDS_PER_TYPE = 100;
const CHOICE_TYPES = new Set(['select', 'multiselect']);

const columns = {
  id: customFields.id,
  objectType: customFields.objectType,
  key: customFields.key,
  label: customFields.label,
  type: customFields.type,
  required: customFields.required,
  options: customFields.options,
  sortOrder: customFields.sortOrder,
};

/** The live (not deleted) fields of a tenant, optionally of one record type, in display order. */
export async function listCustomFields(
  tx: Tx,
  tenantId: string,
  objectType?: CustomObjectType,
): Promise<CustomField[]> {
  return tx
    .select(columns)
    .from(customFields)
    .where(
      and(
        eq(customFields.tenantId, tenantId),
        isNull(customFields.deletedAt),
        objectType ? eq(customFields.objectType, objectType) : undefined,
      ),
    )
    .orderBy(asc(customFields.objectType), asc(customFields.sortOrder), asc(customFields.createdAt));
}

async function findField(tx: Tx, tenantId: string, id: string): Promise<CustomField> {
  const [row] = await tx
    .select(columns)
    .from(customFields)
    .where(and(eq(customFields.tenantId, tenantId), eq(customFields.id, id), isNull(customFields.deletedAt)));
  if (!row) throw notFound();
  return row;
}

const generatedKey = () =>
  `f_${randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;

function checkOptions(type: string, options: string[]): string[] {
  if (!CHOICE_TYPES.has(type)) return [];
  if (options.length === 0) {
    throw new AppError(400, 'common.validation', {}, { options: { key: 'customfields.options_required' } });
  }
  return options;
}

export async function createCustomField(ctx: RequestContext, body: CreateBody): Promise<CustomField> {
  const { tx, actor } = ctx;
  const tenantId = actor.tenantId;
  const options = checkOptions(body.type, body.options);
  // One writer at a time per tenant, so the limit and the next sort order are right under concurrency.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('custom_fields:' || ${tenantId}))`);
  const [stats] = await tx
    .select({
      live: sql<number>`count(*) FILTER (WHERE ${customFields.deletedAt} IS NULL)`,
      top: max(customFields.sortOrder),
    })
    .from(customFields)
    .where(and(eq(customFields.tenantId, tenantId), eq(customFields.objectType, body.objectType)));
  if (Number(stats?.live ?? 0) >= MAX_FIELDS_PER_TYPE) {
    throw conflict('customfields.too_many', { max: MAX_FIELDS_PER_TYPE });
  }
  let key = body.key ?? generatedKey();
  const taken = async (k: string) =>
    (
      await tx
        .select({ id: customFields.id })
        .from(customFields)
        .where(
          and(
            eq(customFields.tenantId, tenantId),
            eq(customFields.objectType, body.objectType),
            eq(customFields.key, k),
          ),
        )
    ).length > 0;
  if (body.key && (await taken(key))) throw conflict('customfields.key_taken', { key });
  while (!body.key && (await taken(key))) key = generatedKey();
  const field: CustomField = {
    id: newId(),
    objectType: body.objectType,
    key,
    label: body.label,
    type: body.type,
    required: body.required,
    options,
    sortOrder: body.sortOrder ?? Number(stats?.top ?? -10) + 10,
  };
  await tx.insert(customFields).values({ tenantId, ...field });
  ctx.audit.record({ action: 'create', objectType: 'custom_field', recordId: field.id, after: field });
  return field;
}

export async function updateCustomField(ctx: RequestContext, id: string, body: PatchBody): Promise<CustomField> {
  const { tx, actor } = ctx;
  const before = await findField(tx, actor.tenantId, id);
  const after: CustomField = {
    ...before,
    ...(body.label !== undefined ? { label: body.label } : {}),
    ...(body.required !== undefined ? { required: body.required } : {}),
    ...(body.sortOrder !== undefined ? { sortOrder: body.sortOrder } : {}),
    ...(body.options !== undefined ? { options: checkOptions(before.type, body.options) } : {}),
  };
  await tx
    .update(customFields)
    .set({
      label: after.label,
      required: after.required,
      sortOrder: after.sortOrder,
      options: after.options,
      updatedAt: new Date(),
    })
    .where(and(eq(customFields.tenantId, actor.tenantId), eq(customFields.id, id)));
  ctx.audit.record({ action: 'update', objectType: 'custom_field', recordId: id, before, after });
  return after;
}

/**
 * Delete a field: it leaves forms, lists, filters and writes at once, and its values leave the records in the
 * same transaction (one UPDATE of the rows that hold the key; updated_at is left alone, nobody edited them).
 * Its key is never reused, so a value missed anyway could not resurface under a different field; reads strip
 * deleted keys too (liveCustomValues).
 */
export async function deleteCustomField(ctx: RequestContext, id: string): Promise<null> {
  const { tx, actor } = ctx;
  const before = await findField(tx, actor.tenantId, id);
  await tx
    .update(customFields)
    .set({ deletedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(customFields.tenantId, actor.tenantId), eq(customFields.id, id)));
  const table = sql.identifier(customValueTables[before.objectType]);
  await tx.execute(sql`UPDATE ${table} SET custom = custom - ${before.key}::text
    WHERE tenant_id = ${actor.tenantId} AND custom ? ${before.key}::text`);
  ctx.audit.record({ action: 'delete', objectType: 'custom_field', recordId: id, before });
  return null;
}
