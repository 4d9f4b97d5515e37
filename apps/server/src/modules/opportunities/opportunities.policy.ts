import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { type RecordAccess, recordAccess, recordVisibility } from '../../platform/access/sharing.ts';
import type { Tx } from '../../platform/db/database.ts';

/** The permission module (`opportunities.view`, ...) and the audit object type of this module's records. */
export const MODULE = 'opportunities';
export const OBJECT_TYPE = 'opportunity';

/**
 * Row visibility of opportunities: the owner within the actor's data scope on "opportunities", the tenant's
 * default sharing for opportunities, or a share to the actor or a department at or above theirs (共享), exactly
 * like customers. Seeing the customer does NOT make its opportunities visible (that rule is for contracts,
 * orders and collections). Lists, details, the kanban, histories and later aggregates all use this.
 */
export function opportunityVisibility(tx: Tx, actor: Actor, cols: { id: SQL; owner: SQL }): Promise<SQL> {
  return recordVisibility(tx, actor, OBJECT_TYPE, cols);
}

/** What the actor may do with one opportunity: none (→ 404), read (→ 403 on writes) or write. */
export function opportunityAccess(tx: Tx, actor: Actor, id: string): Promise<RecordAccess> {
  return recordAccess(tx, actor, OBJECT_TYPE, id);
}
