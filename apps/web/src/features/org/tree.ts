import type { Department } from './api.ts';

export interface DepartmentNode extends Department {
  children: DepartmentNode[];
}

/** Build the tree from the flat list (roots first; siblings by sortOrder, then name). */
export function buildTree(items: Department[]): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>(items.map((d) => [d.id, { ...d, children: [] }]));
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The id and every id below it, e.g. to keep a node from moving under itself. */
export function subtreeIds(items: Department[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of items) {
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Path of names from the root down to the department, e.g. 全公司 / 销售部 / 销售一部. */
export function pathOf(items: Department[], id: string): string[] {
  const byId = new Map(items.map((d) => [d.id, d]));
  const out: string[] = [];
  let cur = byId.get(id);
  while (cur && out.length < 50) {
    out.unshift(cur.name);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return out;
}
