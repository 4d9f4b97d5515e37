import { and, count, eq, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type DefaultAccess, recordShares, sharingDefaults } from '../../modules/sharing/sharing.table.ts';
import type { Tx } from '../db/database.ts';
import { registerHandover } from '../handover/registry.ts';
import type { Actor } from './actor.ts';
import { loadOrgSnapshot } from './org-snapshot.ts';
import type { Label } from './permissions.ts';
import { versionedTenantCache } from './tenant-cache.ts';
import { departmentsAbove, ownerCondition, visibleOwnersIn } from './visibility.ts';

/** A record type that has an owner and takes part in sharing (共享模式), shares and transfer. */
export interface SharedObject {
  objectType: string;
  /** The permission module: `${module}.view`, `.share`, `.transfer` and its data scope. */
  module: string;
  label: Label;
  table: {
    table: PgTable;
    tenantId: AnyPgColumn;
    id: AnyPgColumn;
    owner: AnyPgColumn;
  };
  /**
   * Registered for the hand-over when an employee leaves (离职交接) unless false: their records of this
   * type go to the colleague. Say false when the module registers a hand-over of its own.
   */
  handover?: boolean;
}

const registry = new Map<string, { def: SharedObject; unregister?: () => void }>();

/**
 * Record modules call this from their index.ts. The type then appears in the sharing defaults API,
 * works with recordVisibility / sharingRoutes, and is handed over when its owner leaves.
 */
export function registerSharedObject(def: SharedObject): SharedObject {
  registry.get(def.objectType)?.unregister?.();
  const unregister =
    def.handover === false
      ? undefined
      : registerHandover({
          type: def.objectType,
          label: def.label,
          count: (tx, tenantId, fromUserId) => ownedCount(tx, def, tenantId, fromUserId),
          transfer: async (tx, tenantId, fromUserId, toUserId) => {
            await tx.execute(setOwner(def, tenantId, sql`${ident(def.table.owner)} = ${fromUserId}`, toUserId));
          },
        });
  registry.set(def.objectType, { def, unregister });
  return def;
}

const ident = (column: AnyPgColumn) => sql.identifier(column.name);

/** UPDATE <table> SET owner = toUserId WHERE tenant = tenantId AND <where>, returning the previous owner. */
export function setOwner(def: SharedObject, tenantId: string, where: SQL, toUserId: string): SQL {
  const { table, tenantId: tenantCol, owner } = def.table;
  return sql`UPDATE ${table} SET ${ident(owner)} = ${toUserId}
    WHERE ${ident(tenantCol)} = ${tenantId} AND ${where}`;
}

async function ownedCount(tx: Tx, def: SharedObject, tenantId: string, ownerId: string): Promise<number> {
  const { table, tenantId: tenantCol, owner } = def.table;
  const [row] = await tx
    .select({ n: count() })
    .from(table)
    .where(and(eq(tenantCol, tenantId), eq(owner, ownerId)));
  return Number(row?.n ?? 0);
}

export function sharedObjects(): SharedObject[] {
  return [...registry.values()].map((r) => r.def);
}

export function sharedObject(objectType: string): SharedObject | undefined {
  return registry.get(objectType)?.def;
}

/** The tenant's default for one object type; no row means private. */
const defaultsCache = versionedTenantCache<Map<string, DefaultAccess>>();

/** The tenant's default access for an object type (cached under the tenant's access version). */
export async function defaultAccessFor(tx: Tx, actor: Actor, objectType: string): Promise<DefaultAccess> {
  const defaults = await defaultsCache(actor.tenantId, actor.orgVersion, async () => {
    const rows = await tx
      .select({ objectType: sharingDefaults.objectType, defaultAccess: sharingDefaults.defaultAccess })
      .from(sharingDefaults)
      .where(eq(sharingDefaults.tenantId, actor.tenantId));
    return new Map(rows.map((r) => [r.objectType, r.defaultAccess]));
  });
  return defaults.get(objectType) ?? 'private';
}

type Columns = { id: AnyPgColumn | SQL; owner: AnyPgColumn | SQL };

/** A share on this record that reaches the actor: to them, or to their department or one above it. */
async function shareReaches(tx: Tx, actor: Actor, objectType: string, id: Columns['id'], writeOnly: boolean) {
  const org = await loadOrgSnapshot(tx, actor.tenantId, actor.orgVersion);
  const departments = `{${departmentsAbove(org, actor.departmentId).join(',')}}`;
  return sql`EXISTS (SELECT 1 FROM ${recordShares} s
    WHERE s.tenant_id = ${actor.tenantId} AND s.object_type = ${objectType} AND s.record_id = ${id}
      ${writeOnly ? sql`AND s.access = 'write'` : sql``}
      AND (s.user_id = ${actor.userId} OR s.department_id = ANY(${departments}::uuid[])))`;
}

async function condition(tx: Tx, actor: Actor, objectType: string, cols: Columns, write: boolean): Promise<SQL> {
  const def = sharedObject(objectType);
  if (!def) throw new Error(`object type ${objectType} is not registered for sharing`);
  const visible = await visibleOwnersIn(tx, actor, def.module);
  if (visible === 'all') return sql`true`;
  const access = await defaultAccessFor(tx, actor, objectType);
  if (access === 'public_write' || (access === 'public_read' && !write)) return sql`true`;
  return sql`(${ownerCondition(visible, cols.owner)} OR ${await shareReaches(tx, actor, objectType, cols.id, write)})`;
}

/**
 * Which records of a type the actor may read: owner within their data scope, or the tenant's default
 * is public read / read-write, or the record is shared with them or a department at or above theirs.
 * Apply it to every list, detail, search, aggregate and export of the type.
 */
export function recordVisibility(tx: Tx, actor: Actor, objectType: string, cols: Columns): Promise<SQL> {
  return condition(tx, actor, objectType, cols, false);
}

/** Which records the actor may change: owner within scope, public read-write, or a read-write share. */
export function recordWritability(tx: Tx, actor: Actor, objectType: string, cols: Columns): Promise<SQL> {
  return condition(tx, actor, objectType, cols, true);
}

export type RecordAccess = 'none' | 'read' | 'write';

/** What the actor may do with one record of a registered type; 'none' also when it does not exist. */
export async function recordAccess(tx: Tx, actor: Actor, objectType: string, id: string): Promise<RecordAccess> {
  const def = sharedObject(objectType);
  if (!def) throw new Error(`object type ${objectType} is not registered for sharing`);
  const { table, tenantId, id: idCol, owner } = def.table;
  const cols = { id: idCol, owner };
  const [row] = await tx
    .select({
      read: await recordVisibility(tx, actor, objectType, cols),
      write: await recordWritability(tx, actor, objectType, cols),
    })
    .from(table)
    .where(and(eq(tenantId, actor.tenantId), eq(idCol, id)));
  if (!row?.read) return 'none';
  return row.write ? 'write' : 'read';
}

/** True when the actor may change this record. */
export async function canWrite(tx: Tx, actor: Actor, objectType: string, id: string): Promise<boolean> {
  return (await recordAccess(tx, actor, objectType, id)) === 'write';
}
