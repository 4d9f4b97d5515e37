import type { DataScope } from '../../modules/roles/roles.table.ts';

/** The parts of the org that data scopes are computed over. Small: one row per employee and department. */
export interface OrgSnapshot {
  users: ReadonlyArray<{ id: string; departmentId: string; supervisorId: string | null }>;
  departments: ReadonlyArray<{ id: string; parentId: string | null; headUserId: string | null }>;
}

export type Visible = 'all' | ReadonlySet<string>;

/**
 * The owners whose records an actor may see under the given scopes (their union). Pure, so the tricky
 * trees (deep chains, cycles left by bad data, several roles, moved departments) are unit-tested here.
 * Department scopes cover the actor's main department and any department they head.
 */
export function visibleOwners(
  org: OrgSnapshot,
  actor: { userId: string; departmentId: string },
  scopes: readonly DataScope[],
): Visible {
  if (scopes.includes('all')) return 'all';
  const out = new Set<string>();
  if (scopes.length === 0) return out;
  out.add(actor.userId);

  if (scopes.includes('subordinates')) {
    for (const id of subordinatesOf(org, actor.userId)) out.add(id);
  }
  const own = new Set([
    actor.departmentId,
    ...org.departments.filter((d) => d.headUserId === actor.userId).map((d) => d.id),
  ]);
  if (scopes.includes('department_tree')) {
    const tree = departmentSubtree(org, own);
    for (const u of org.users) if (tree.has(u.departmentId)) out.add(u.id);
  } else if (scopes.includes('department')) {
    for (const u of org.users) if (own.has(u.departmentId)) out.add(u.id);
  }
  return out;
}

/** Everyone below userId along the supervisor chain (直接上级), however deep; cycle-safe. */
export function subordinatesOf(org: OrgSnapshot, userId: string): Set<string> {
  const reports = new Map<string, string[]>();
  for (const u of org.users) {
    if (!u.supervisorId) continue;
    const list = reports.get(u.supervisorId) ?? [];
    list.push(u.id);
    reports.set(u.supervisorId, list);
  }
  const seen = new Set<string>();
  const stack = [...(reports.get(userId) ?? [])];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || id === userId) continue;
    seen.add(id);
    pushAll(stack, reports.get(id));
  }
  return seen;
}

/** The given departments and every department below them (subsidiaries and branches included). */
export function departmentSubtree(org: OrgSnapshot, roots: Iterable<string>): Set<string> {
  const children = new Map<string, string[]>();
  for (const d of org.departments) {
    if (!d.parentId) continue;
    const list = children.get(d.parentId) ?? [];
    list.push(d.id);
    children.set(d.parentId, list);
  }
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    pushAll(stack, children.get(id));
  }
  return seen;
}

/** push(...list) passes every item as an argument and overflows the call stack on very wide trees. */
function pushAll(stack: string[], list: readonly string[] | undefined): void {
  if (list) for (const item of list) stack.push(item);
}

/** Would making `supervisorId` the supervisor of `userId` close a loop in the chain? */
export function wouldCreateSupervisorCycle(org: OrgSnapshot, userId: string, supervisorId: string): boolean {
  if (userId === supervisorId) return true;
  return subordinatesOf(org, userId).has(supervisorId);
}
