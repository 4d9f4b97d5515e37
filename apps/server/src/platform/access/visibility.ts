import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/database.ts';
import { type Actor, scopesFor } from './actor.ts';
import { loadOrgSnapshot } from './org-snapshot.ts';
import { departmentSubtree, type OrgSnapshot, type Visible, visibleOwners } from './scope.ts';

/** The owners the actor may see in a module, by the union of their roles' data scopes. */
export async function visibleOwnersIn(tx: Tx, actor: Actor, module: string): Promise<Visible> {
  const scopes = scopesFor(actor, module);
  if (scopes.includes('all')) return 'all';
  const org = await loadOrgSnapshot(tx, actor.tenantId, actor.orgVersion);
  return visibleOwners(org, actor, scopes);
}

/** `owner IN visible` as SQL; `true` for an unrestricted scope. */
export function ownerCondition(visible: Visible, owner: AnyPgColumn | SQL): SQL {
  if (visible === 'all') return sql`true`;
  return sql`${owner} = ANY(${`{${[...visible].join(',')}}`}::uuid[])`;
}

/** The departments whose shares reach the actor: their own and every department above it. */
export function departmentsAbove(org: OrgSnapshot, departmentId: string): string[] {
  const parent = new Map(org.departments.map((d) => [d.id, d.parentId]));
  const out: string[] = [];
  let at: string | null | undefined = departmentId;
  while (at && !out.includes(at)) {
    out.push(at);
    at = parent.get(at);
  }
  return out;
}

export { departmentSubtree };
