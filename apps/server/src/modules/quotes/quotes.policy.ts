import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { type RecordAccess, recordAccess, recordVisibility } from '../../platform/access/sharing.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { QuoteStatus } from './quotes.table.ts';

/** The permission module (`quotes.view`, ...) and the audit object type of this module's records. */
export const MODULE = 'quotes';
export const OBJECT_TYPE = 'quote';

/**
 * Row visibility of quotes: the owner within the actor's data scope on "quotes", the tenant's default sharing
 * for quotes, or a share reaching the actor (共享), exactly like opportunities. Seeing the customer does not show
 * its quotes. Lists, details, print, PDF, histories and later aggregates all use this.
 */
export function quoteVisibility(tx: Tx, actor: Actor, cols: { id: SQL; owner: SQL }): Promise<SQL> {
  return recordVisibility(tx, actor, OBJECT_TYPE, cols);
}

/** What the actor may do with one quote: none (→ 404), read (→ 403 on writes) or write. */
export function quoteAccess(tx: Tx, actor: Actor, id: string): Promise<RecordAccess> {
  return recordAccess(tx, actor, OBJECT_TYPE, id);
}

/** Only a draft's content may change (lines, prices, customer…): anything sent or decided is a record of what was offered. */
export const isEditable = (status: QuoteStatus) => status === 'draft';

/**
 * Status changes a user may make by hand. Sending goes through POST /:id/send (draft or approved → sent);
 * pending_approval / approved belong to the approvals module. A sent quote can be accepted, rejected or
 * expired; a rejected or expired one can go back to draft to be revised (改价重报).
 */
export const manualTransitions: Record<QuoteStatus, QuoteStatus[]> = {
  draft: [],
  pending_approval: [],
  approved: ['draft'],
  sent: ['accepted', 'rejected', 'expired'],
  accepted: [],
  rejected: ['draft'],
  expired: ['draft'],
};
