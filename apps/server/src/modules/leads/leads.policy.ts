import { isNull, or, type SQL } from 'drizzle-orm';
import { type Actor, can } from '../../platform/access/actor.ts';
import type { Visible } from '../../platform/access/scope.ts';
import { ownerCondition, visibleOwnersIn } from '../../platform/access/visibility.ts';
import type { Tx } from '../../platform/db/database.ts';
import { leads } from './leads.table.ts';

/** The permission module (`leads.view`, ...) and the audit object type of this module's records. */
export const MODULE = 'leads';
export const OBJECT_TYPE = 'lead';

/**
 * Row visibility: the owners whose leads the actor may see, by the union of their roles' data scopes on
 * "leads". Lists, details, history and the duplicate check all use this one function.
 */
export function visibleOwners(tx: Tx, actor: Actor): Promise<Visible> {
  return visibleOwnersIn(tx, actor, MODULE);
}

/** SQL: the lead is owned within the scope, or in the pool (everyone holding leads.view sees the pool). */
export function leadVisible(visible: Visible): SQL {
  return or(isNull(leads.ownerId), ownerCondition(visible, leads.ownerId)) as SQL;
}

/**
 * Edit rule on a visible lead: an owned lead is changed by whoever sees it (holding leads.edit); a pool lead
 * only by those who may assign the pool. Converted leads are read-only (checked by the service: 409).
 */
export function mayChange(actor: Actor, record: { ownerId: string | null }): boolean {
  return record.ownerId !== null || can(actor, 'leads.assign');
}

export function inScope(visible: Visible, userId: string): boolean {
  return visible === 'all' || visible.has(userId);
}
