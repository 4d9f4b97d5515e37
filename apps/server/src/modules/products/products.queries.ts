import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { ProductStatus } from './products.table.ts';
import { productCategories, products, productUnits } from './products.table.ts';

/* SQL only: no rules, no permissions. Products are company-wide master data, so there is no data scope to apply. */

export type CategoryLink = {
  id: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
  productCount: number;
  childCount: number;
};

/** Every category of the tenant with its direct product and child counts, in one query. */
export async function selectCategoryLinks(tx: Executor, tenantId: string): Promise<CategoryLink[]> {
  const result = await tx.execute<CategoryLink>(sql`
    SELECT c.id, c.parent_id AS "parentId", c.name, c.sort_order AS "sortOrder",
      (SELECT count(*)::int FROM products p WHERE p.tenant_id = c.tenant_id AND p.category_id = c.id) AS "productCount",
      (SELECT count(*)::int FROM product_categories k WHERE k.tenant_id = c.tenant_id AND k.parent_id = c.id)
        AS "childCount"
    FROM product_categories c
    WHERE c.tenant_id = ${tenantId}`);
  return result.rows.map((r) => ({
    ...r,
    sortOrder: Number(r.sortOrder),
    productCount: Number(r.productCount),
    childCount: Number(r.childCount),
  }));
}

export async function selectCategoryRow(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select()
    .from(productCategories)
    .where(and(eq(productCategories.tenantId, tenantId), eq(productCategories.id, id)));
  return row;
}

/** Is a sibling (same parent, null = top level) already called `name`, ignoring case? */
export async function siblingNameTaken(
  tx: Tx,
  tenantId: string,
  parentId: string | null,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const rows = await tx.execute(sql`
    SELECT 1 FROM product_categories
    WHERE tenant_id = ${tenantId} AND parent_id IS NOT DISTINCT FROM ${parentId}::uuid
      AND lower(name) = lower(${name}) ${exceptId ? sql`AND id <> ${exceptId}` : sql``}
    LIMIT 1`);
  return rows.rows.length > 0;
}

export async function nextCategorySortOrder(tx: Tx, tenantId: string, parentId: string | null): Promise<number> {
  const result = await tx.execute<{ top: number | null }>(sql`
    SELECT max(sort_order) AS top FROM product_categories
    WHERE tenant_id = ${tenantId} AND parent_id IS NOT DISTINCT FROM ${parentId}::uuid`);
  const top = result.rows[0]?.top;
  return top == null ? 0 : Number(top) + 1;
}

/** The category and every category below it, at any depth (a recursive walk down the tree). */
export function subtreeCondition(tenantId: string, categoryId: string): SQL {
  return sql`${products.categoryId} IN (
    WITH RECURSIVE sub(id) AS (
      SELECT id FROM product_categories WHERE tenant_id = ${tenantId} AND id = ${categoryId}
      UNION
      SELECT c.id FROM product_categories c JOIN sub ON c.parent_id = sub.id WHERE c.tenant_id = ${tenantId}
    ) SELECT id FROM sub)`;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const productColumns = {
  id: products.id,
  /** The keyset sort key, as the database lowers it (not as JavaScript would). */
  sortKey: sql<string>`lower(${products.code})`,
  code: products.code,
  name: products.name,
  categoryId: products.categoryId,
  categoryName: productCategories.name,
  specification: products.specification,
  baseUnit: products.baseUnit,
  price: products.price,
  status: products.status,
  description: products.description,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
};
export type ProductBaseRow = Awaited<ReturnType<typeof selectProducts>>[number];

const withCategory = and(
  eq(productCategories.tenantId, products.tenantId),
  eq(productCategories.id, products.categoryId),
);

/**
 * One page of products in code order (case-insensitive), keyset-paginated on (lower(code), id); the unique index
 * on (tenant_id, lower(code)) serves the order. `q` is a substring of the code or the name: a filter over the
 * tenant's rows (a company's catalogue is thousands of rows, not millions, so no trigram index is needed).
 */
export function selectProducts(
  tx: Tx,
  tenantId: string,
  opts: {
    limit: number;
    after?: { code: string; id: string };
    q?: string;
    categoryId?: string;
    includeSubcategories?: boolean;
    status?: ProductStatus;
    ids?: string[];
  },
) {
  const like = opts.q ? `%${escapeLike(opts.q)}%` : undefined;
  return tx
    .select(productColumns)
    .from(products)
    .leftJoin(productCategories, withCategory)
    .where(
      and(
        eq(products.tenantId, tenantId),
        opts.ids ? inArray(products.id, opts.ids) : undefined,
        opts.after
          ? sql`(lower(${products.code}), ${products.id}) > (${opts.after.code}, ${opts.after.id})`
          : undefined,
        like ? sql`(${products.code} ILIKE ${like} OR ${products.name} ILIKE ${like})` : undefined,
        opts.categoryId
          ? opts.includeSubcategories === false
            ? eq(products.categoryId, opts.categoryId)
            : subtreeCondition(tenantId, opts.categoryId)
          : undefined,
        opts.status ? eq(products.status, opts.status) : undefined,
      ),
    )
    .orderBy(sql`lower(${products.code})`, asc(products.id))
    .limit(opts.limit);
}

/** The extra units of these products, in their order. */
export function selectUnits(tx: Tx, tenantId: string, productIds: string[]) {
  if (productIds.length === 0) return Promise.resolve([]);
  return tx
    .select({
      id: productUnits.id,
      productId: productUnits.productId,
      name: productUnits.name,
      factor: productUnits.factor,
      price: productUnits.price,
    })
    .from(productUnits)
    .where(and(eq(productUnits.tenantId, tenantId), inArray(productUnits.productId, productIds)))
    .orderBy(asc(productUnits.productId), asc(productUnits.sortOrder), asc(productUnits.id));
}

/** Is the code taken in the tenant (ignoring case) by any product but `exceptId`? */
export async function codeTaken(tx: Tx, tenantId: string, code: string, exceptId?: string): Promise<boolean> {
  const rows = await tx.execute(sql`
    SELECT 1 FROM products WHERE tenant_id = ${tenantId} AND lower(code) = lower(${code})
      ${exceptId ? sql`AND id <> ${exceptId}` : sql``}
    LIMIT 1`);
  return rows.rows.length > 0;
}

/** The record exists, or did: it has audit entries of this type in this tenant (history stays readable). */
export async function existsOrExisted(
  tx: Tx,
  tenantId: string,
  table: 'products' | 'product_categories',
  objectType: string,
  id: string,
): Promise<boolean> {
  const result = await tx.execute(sql`
    SELECT 1 FROM ${sql.identifier(table)} WHERE tenant_id = ${tenantId} AND id = ${id}
    UNION ALL
    SELECT 1 FROM audit_log WHERE tenant_id = ${tenantId} AND object_type = ${objectType} AND record_id = ${id}
    LIMIT 1`);
  return result.rows.length > 0;
}
