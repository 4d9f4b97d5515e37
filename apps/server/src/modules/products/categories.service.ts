import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { AuditEntry } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { conflict, invalidField, notFound } from '../../platform/errors/errors.ts';
import {
  type CategoryLink,
  nextCategorySortOrder,
  selectCategoryLinks,
  selectCategoryRow,
  siblingNameTaken,
} from './products.queries.ts';
import type { Category, CreateCategory, UpdateCategory } from './products.schemas.ts';
import { type ProductCategoryRow, productCategories } from './products.table.ts';

/** What product writes need: the tenant transaction, the actor, somewhere to record audit entries. */
export interface ProductContext {
  tx: Tx;
  actor: Actor;
  audit: { record(entry: AuditEntry): void };
}

export const CATEGORY_OBJECT_TYPE = 'product_category';

const audited = (c: Pick<ProductCategoryRow, 'name' | 'parentId' | 'sortOrder'>) => ({
  name: c.name,
  parentId: c.parentId,
  sortOrder: c.sortOrder,
});

/**
 * The flat list in tree order (depth first; siblings by sort order, then name), each with its path and depth,
 * so a client can draw the tree or an indented list without building anything. A category whose parent chain
 * is broken (it cannot be, but data outlives code) is listed at the top level rather than lost.
 */
export function toTree(links: CategoryLink[]): Category[] {
  const children = new Map<string | null, CategoryLink[]>();
  const ids = new Set(links.map((c) => c.id));
  for (const c of links) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  for (const list of children.values()) {
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  }
  const out: Category[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, path: string[]) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      const own = [...path, c.name];
      out.push({ ...c, path: own, depth: path.length });
      walk(c.id, own);
    }
  };
  walk(null, []);
  return out;
}

/** True when `newParentId` is `id` itself or lies below it: moving there would close a loop. */
export function isInSubtree(links: Pick<CategoryLink, 'id' | 'parentId'>[], id: string, newParentId: string): boolean {
  const parent = new Map(links.map((c) => [c.id, c.parentId]));
  const seen = new Set<string>();
  for (let at: string | null | undefined = newParentId; at && !seen.has(at); at = parent.get(at)) {
    if (at === id) return true;
    seen.add(at);
  }
  return false;
}

export async function listCategories(tx: Tx, tenantId: string): Promise<Category[]> {
  return toTree(await selectCategoryLinks(tx, tenantId));
}

export async function getCategory(tx: Tx, tenantId: string, id: string): Promise<Category> {
  const found = (await listCategories(tx, tenantId)).find((c) => c.id === id);
  if (!found) throw notFound();
  return found;
}

async function assertParent(tx: Tx, tenantId: string, parentId: string | null) {
  if (parentId && !(await selectCategoryRow(tx, tenantId, parentId))) throw invalidField('parentId', 'field.not_found');
}

export async function createCategory(ctx: ProductContext, input: CreateCategory): Promise<Category> {
  const { tx } = ctx;
  const { tenantId } = ctx.actor;
  const parentId = input.parentId ?? null;
  await assertParent(tx, tenantId, parentId);
  if (await siblingNameTaken(tx, tenantId, parentId, input.name)) {
    throw conflict('products.category_name_taken', { name: input.name });
  }
  const id = newId();
  const values = {
    tenantId,
    id,
    parentId,
    name: input.name,
    sortOrder: input.sortOrder ?? (await nextCategorySortOrder(tx, tenantId, parentId)),
  };
  await tx.insert(productCategories).values(values);
  ctx.audit.record({ action: 'create', objectType: CATEGORY_OBJECT_TYPE, recordId: id, after: audited(values) });
  return getCategory(tx, tenantId, id);
}

export async function updateCategory(ctx: ProductContext, id: string, patch: UpdateCategory): Promise<Category> {
  const { tx } = ctx;
  const { tenantId } = ctx.actor;
  const before = await selectCategoryRow(tx, tenantId, id);
  if (!before) throw notFound();
  const parentId = patch.parentId === undefined ? before.parentId : patch.parentId;
  if (parentId !== before.parentId && parentId !== null) {
    const links = await selectCategoryLinks(tx, tenantId);
    if (!links.some((c) => c.id === parentId)) throw invalidField('parentId', 'field.not_found');
    if (isInSubtree(links, id, parentId)) throw conflict('products.category_cycle');
  }
  const name = patch.name ?? before.name;
  if (
    (name !== before.name || parentId !== before.parentId) &&
    (await siblingNameTaken(tx, tenantId, parentId, name, id))
  ) {
    throw conflict('products.category_name_taken', { name });
  }
  const after = { name, parentId, sortOrder: patch.sortOrder ?? before.sortOrder };
  await tx
    .update(productCategories)
    .set({ ...after, updatedAt: new Date() })
    .where(and(eq(productCategories.tenantId, tenantId), eq(productCategories.id, id)));
  ctx.audit.record({
    action: 'update',
    objectType: CATEGORY_OBJECT_TYPE,
    recordId: id,
    before: audited(before),
    after: audited(after),
  });
  return getCategory(tx, tenantId, id);
}

/** Only an empty category goes: no products in it and no sub-categories (move or delete those first). */
export async function deleteCategory(ctx: ProductContext, id: string): Promise<null> {
  const { tx } = ctx;
  const { tenantId } = ctx.actor;
  const links = await selectCategoryLinks(tx, tenantId);
  const target = links.find((c) => c.id === id);
  if (!target) throw notFound();
  if (target.productCount > 0 || target.childCount > 0) {
    throw conflict('products.category_not_empty', {
      name: target.name,
      products: target.productCount,
      children: target.childCount,
    });
  }
  await tx.delete(productCategories).where(and(eq(productCategories.tenantId, tenantId), eq(productCategories.id, id)));
  ctx.audit.record({ action: 'delete', objectType: CATEGORY_OBJECT_TYPE, recordId: id, before: audited(target) });
  return null;
}
