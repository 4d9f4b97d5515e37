import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { AppError, conflict, invalidField, notFound } from '../../platform/errors/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import type { ProductContext } from './categories.service.ts';
import { codeTaken, type ProductBaseRow, selectCategoryRow, selectProducts, selectUnits } from './products.queries.ts';
import type { CreateProduct, Product, ProductListQuery, UnitInput, UpdateProduct } from './products.schemas.ts';
import { products, productUnits } from './products.table.ts';
import { productUses } from './products.usage.ts';
import { formatDecimal, formatMoney, type ProductUnits, unitPrice } from './units.ts';

export const PRODUCT_OBJECT_TYPE = 'product';

type UnitRow = Awaited<ReturnType<typeof selectUnits>>[number];

/** A row and its units as the API returns them: factors in plain notation, money with two decimals. */
function toProduct(row: ProductBaseRow, units: UnitRow[]): Product {
  const { sortKey: _, ...rest } = row;
  const unitData: ProductUnits = {
    baseUnit: row.baseUnit,
    price: row.price,
    units: units.map((u) => ({ name: u.name, factor: u.factor, price: u.price })),
  };
  return {
    ...rest,
    price: row.price === null ? null : formatMoney(row.price),
    units: units.map((u) => {
      const effective = unitPrice(unitData, u.name);
      return {
        id: u.id,
        name: u.name,
        factor: formatDecimal(u.factor),
        price: u.price === null ? null : formatMoney(u.price),
        effectivePrice: effective === null ? null : formatMoney(effective),
      };
    }),
  };
}

async function withUnits(tx: Tx, tenantId: string, rows: ProductBaseRow[]): Promise<Product[]> {
  const units = await selectUnits(
    tx,
    tenantId,
    rows.map((r) => r.id),
  );
  const byProduct = new Map<string, UnitRow[]>();
  for (const u of units) byProduct.set(u.productId, [...(byProduct.get(u.productId) ?? []), u]);
  return rows.map((r) => toProduct(r, byProduct.get(r.id) ?? []));
}

export async function listProducts(tx: Tx, tenantId: string, query: ProductListQuery) {
  const cursor = decodeCursor(query.cursor);
  const [code, id] = cursor ?? [];
  if (query.cursor && (typeof code !== 'string' || !z.uuid().safeParse(id).success)) {
    throw invalidField('cursor', 'field.invalid_type');
  }
  const rows = await selectProducts(tx, tenantId, {
    limit: query.limit + 1,
    after: query.cursor ? { code: code as string, id: id as string } : undefined,
    q: query.q || undefined,
    categoryId: query.categoryId,
    includeSubcategories: query.includeSubcategories,
    status: query.status,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await withUnits(tx, tenantId, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sortKey, last.id]) : null,
  };
}

/** One product of the tenant, or 404 (another tenant's id and an unknown id look the same). */
export async function getProduct(tx: Tx, tenantId: string, id: string): Promise<Product> {
  const [row] = await selectProducts(tx, tenantId, { limit: 1, ids: [id] });
  if (!row) throw notFound();
  const [found] = await withUnits(tx, tenantId, [row]);
  return found!;
}

/** Several products by id (missing ones left out): for later modules pricing their lines. */
export async function getProducts(tx: Tx, tenantId: string, ids: string[]): Promise<Product[]> {
  if (ids.length === 0) return [];
  return withUnits(tx, tenantId, await selectProducts(tx, tenantId, { limit: ids.length, ids }));
}

/** Unit names are unique within a product, the base unit's included (ignoring case and surrounding spaces). */
function checkUnitNames(baseUnit: string, units: UnitInput[], baseField: 'baseUnit' | 'units') {
  const seen = new Set([baseUnit.trim().toLowerCase()]);
  units.forEach((u, i) => {
    const k = u.name.trim().toLowerCase();
    if (seen.has(k)) {
      // A changed base unit that now clashes with a kept extra unit: the base unit is what the caller touched.
      if (baseField === 'baseUnit') throw invalidField('baseUnit', 'products.duplicate_unit', { name: u.name });
      throw invalidField(`units.${i}.name`, 'products.duplicate_unit', { name: u.name });
    }
    seen.add(k);
  });
}

async function assertCategory(tx: Tx, tenantId: string, categoryId: string | null | undefined) {
  if (categoryId && !(await selectCategoryRow(tx, tenantId, categoryId))) {
    throw invalidField('categoryId', 'field.not_found');
  }
}

/** Replace the product's extra units with `units`: a unit whose name stays keeps its id (later lines point at it). */
async function writeUnits(tx: Tx, tenantId: string, productId: string, units: UnitInput[]) {
  const existing = await selectUnits(tx, tenantId, [productId]);
  const byName = new Map(existing.map((u) => [u.name.trim().toLowerCase(), u]));
  const kept = new Set<string>();
  const inserts: (typeof productUnits.$inferInsert)[] = [];
  for (const [sortOrder, u] of units.entries()) {
    const match = byName.get(u.name.trim().toLowerCase());
    if (match) {
      kept.add(match.id);
      await tx
        .update(productUnits)
        .set({ name: u.name, factor: u.factor, price: u.price, sortOrder, updatedAt: new Date() })
        .where(and(eq(productUnits.tenantId, tenantId), eq(productUnits.id, match.id)));
    } else {
      inserts.push({ tenantId, id: newId(), productId, name: u.name, factor: u.factor, price: u.price, sortOrder });
    }
  }
  const gone = existing.filter((u) => !kept.has(u.id)).map((u) => u.id);
  if (gone.length) {
    await tx.delete(productUnits).where(and(eq(productUnits.tenantId, tenantId), inArray(productUnits.id, gone)));
  }
  if (inserts.length) await tx.insert(productUnits).values(inserts);
}

/** The product as the audit trail keeps it: its units as one readable line, e.g. "1箱=24袋 ¥55.00；1盒=12袋". */
function audited(p: Product) {
  return {
    code: p.code,
    name: p.name,
    categoryId: p.categoryId,
    specification: p.specification,
    baseUnit: p.baseUnit,
    price: p.price,
    status: p.status,
    description: p.description,
    units:
      p.units.map((u) => `1${u.name}=${u.factor}${p.baseUnit}${u.price === null ? '' : ` ¥${u.price}`}`).join('；') ||
      null,
  };
}

export async function createProduct(ctx: ProductContext, input: CreateProduct): Promise<Product> {
  const { tx } = ctx;
  const { tenantId } = ctx.actor;
  checkUnitNames(input.baseUnit, input.units, 'units');
  await assertCategory(tx, tenantId, input.categoryId);
  if (await codeTaken(tx, tenantId, input.code)) throw conflict('products.code_taken', { code: input.code });
  const id = newId();
  await tx.insert(products).values({
    tenantId,
    id,
    code: input.code,
    name: input.name,
    categoryId: input.categoryId ?? null,
    specification: input.specification,
    baseUnit: input.baseUnit,
    price: input.price,
    status: input.status,
    description: input.description,
  });
  await writeUnits(tx, tenantId, id, input.units);
  const after = await getProduct(tx, tenantId, id);
  ctx.audit.record({ action: 'create', objectType: PRODUCT_OBJECT_TYPE, recordId: id, after: audited(after) });
  return after;
}

export async function updateProduct(ctx: ProductContext, id: string, patch: UpdateProduct): Promise<Product> {
  const { tx } = ctx;
  const { tenantId } = ctx.actor;
  const before = await getProduct(tx, tenantId, id);
  const baseUnit = patch.baseUnit ?? before.baseUnit;
  if (patch.units) checkUnitNames(baseUnit, patch.units, 'units');
  else if (patch.baseUnit !== undefined) checkUnitNames(baseUnit, before.units, 'baseUnit');
  if (patch.categoryId !== undefined) await assertCategory(tx, tenantId, patch.categoryId);
  if (patch.code !== undefined && (await codeTaken(tx, tenantId, patch.code, id))) {
    throw conflict('products.code_taken', { code: patch.code });
  }
  const { units, ...fields } = patch;
  await tx
    .update(products)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(products.tenantId, tenantId), eq(products.id, id)));
  if (units) await writeUnits(tx, tenantId, id, units);
  const after = await getProduct(tx, tenantId, id);
  ctx.audit.record({
    action: 'update',
    objectType: PRODUCT_OBJECT_TYPE,
    recordId: id,
    before: audited(before),
    after: audited(after),
  });
  return after;
}

/**
 * Delete a product (its units go with it). Refused with 409 while anything registered in products.usage.ts refers
 * to it; nothing does yet, so today every product can be deleted. Take a used product off sale (下架) instead.
 */
export async function deleteProduct(ctx: ProductContext, id: string): Promise<null> {
  const { tx } = ctx;
  const { tenantId } = ctx.actor;
  const before = await getProduct(tx, tenantId, id);
  const uses = await productUses(tx, tenantId, id);
  if (uses.length) {
    throw new AppError(409, 'products.in_use', { name: before.name }, undefined, {
      uses: uses.map((u) => ({ type: u.type, label: u.label, count: u.count })),
    });
  }
  await tx.delete(products).where(and(eq(products.tenantId, tenantId), eq(products.id, id)));
  ctx.audit.record({ action: 'delete', objectType: PRODUCT_OBJECT_TYPE, recordId: id, before: audited(before) });
  return null;
}
