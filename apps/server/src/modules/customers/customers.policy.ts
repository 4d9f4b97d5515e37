import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { recordVisibility, recordWritability } from '../../platform/access/sharing.ts';
import type { Tx } from '../../platform/db/database.ts';
import { customers } from './customers.table.ts';

export const CUSTOMER = 'customer';

/**
 * Which customers the actor may see: owner within their data scope on "customers", the tenant's default
 * sharing, or a share to them or a department above them. Every customer list, detail, search, aggregate
 * and export — and every child record (contacts, follow-ups …) through its customer — goes through this.
 * Pool customers (no owner) are not covered here: the pools module grants those by pool membership.
 */
export const customerVisibility = (tx: Tx, actor: Actor): Promise<SQL> =>
  recordVisibility(tx, actor, CUSTOMER, { id: customers.id, owner: customers.ownerId });

/** Which customers the actor may change (edit their data, add contacts and follow-ups). */
export const customerWritability = (tx: Tx, actor: Actor): Promise<SQL> =>
  recordWritability(tx, actor, CUSTOMER, { id: customers.id, owner: customers.ownerId });
