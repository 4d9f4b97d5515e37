import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors/errors.ts';
import { customerAccessRules, customers } from '../customers/index.ts';

export type Access = 'none' | 'read' | 'write';

export interface CustomerRef {
  id: string;
  name: string;
  ownerId: string | null;
  access: Access;
}

/**
 * The actor's access to one customer — and so to its contacts, follow-ups and attachments: 'none' when it
 * does not exist, belongs to another tenant or lies outside their scope and sharing.
 */
export async function customerAccess(tx: Tx, actor: Actor, customerId: string): Promise<CustomerRef> {
  const { read, write } = await customerConditions(tx, actor);
  const [row] = await tx
    .select({ id: customers.id, name: customers.name, ownerId: customers.ownerId, read, write })
    .from(customers)
    .where(and(eq(customers.tenantId, actor.tenantId), eq(customers.id, customerId)));
  if (!row?.read) return { id: customerId, name: '', ownerId: null, access: 'none' };
  return { id: row.id, name: row.name, ownerId: row.ownerId, access: row.write ? 'write' : 'read' };
}

/** The customer when the actor may change its children; 404 when invisible, 403 when read-only. */
export async function writableCustomer(tx: Tx, actor: Actor, customerId: string): Promise<CustomerRef> {
  const ref = await customerAccess(tx, actor, customerId);
  if (ref.access === 'none') throw notFound();
  if (ref.access === 'read') throw forbidden();
  return ref;
}

/** SQL conditions on the customers table for reading and for writing, computed once per request. */
export async function customerConditions(tx: Tx, actor: Actor): Promise<{ read: SQL; write: SQL }> {
  const rules = await customerAccessRules(tx, actor);
  return { read: rules.read(), write: rules.write() };
}

/** "CASE WHEN <write> THEN 'write' ELSE 'read' END": the access column of child-record queries. */
export const accessColumn = (write: SQL) => sql`CASE WHEN ${write} THEN 'write' ELSE 'read' END`;
