import type { Category } from './api.ts';

export interface CategoryNode extends Category {
  children: CategoryNode[];
  /** Products in this category and everything below it. */
  totalCount: number;
}

/** Nest the server's flat list (already in tree order), summing product counts up the tree. */
export function buildTree(items: Category[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>(
    items.map((c) => [c.id, { ...c, children: [], totalCount: c.productCount }]),
  );
  const roots: CategoryNode[] = [];
  for (const c of items) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sum = (n: CategoryNode): number => {
    n.totalCount = n.productCount + n.children.reduce((acc, k) => acc + sum(k), 0);
    return n.totalCount;
  };
  for (const r of roots) sum(r);
  return roots;
}

/** The id and every id below it (a category cannot move under any of them). */
export function subtreeIds(items: Category[], id: string): Set<string> {
  const out = new Set([id]);
  for (const c of items) if (c.parentId && out.has(c.parentId)) out.add(c.id);
  return out;
}
