import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { invalidField } from '../errors/errors.ts';
import { decodeCursor, encodeCursor } from '../http/schemas.ts';
import { auditLog, type FieldChange } from './audit.table.ts';

export interface AuditEntry {
  action: string;
  objectType: string;
  recordId?: string | null;
  /** Field values before and after; only fields that differ are kept. Omit for pure events. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Fields never copied into the trail. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'tokenHash', 'csrfToken']);
const IGNORED_FIELDS = new Set(['updatedAt', 'createdAt', 'tenantId']);

function comparable(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return null;
  return v;
}

/** The per-field differences between two versions of a record, secrets masked. */
export function diffFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of keys) {
    if (IGNORED_FIELDS.has(field)) continue;
    const from = comparable(before?.[field]);
    const to = comparable(after?.[field]);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes.push(SECRET_FIELDS.has(field) ? { field, from: '***', to: '***' } : { field, from, to });
  }
  return changes;
}

/** Collects a request's audit entries and writes them in the request's own transaction. */
export class AuditWriter {
  private readonly entries: AuditEntry[] = [];
  constructor(
    private readonly tenantId: string,
    private readonly actorId: string | null,
    private readonly route: string,
  ) {}

  record(entry: AuditEntry): void {
    this.entries.push(entry);
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  async flush(tx: Tx): Promise<void> {
    if (this.entries.length === 0) return;
    await tx.insert(auditLog).values(
      this.entries.map((e) => ({
        tenantId: this.tenantId,
        id: newId(),
        actorId: this.actorId,
        action: e.action,
        objectType: e.objectType,
        recordId: e.recordId ?? null,
        changes: diffFields(e.before, e.after),
        route: this.route,
      })),
    );
    this.entries.length = 0;
  }
}

export interface AuditFilters {
  objectType?: string;
  actorId?: string;
  recordId?: string;
  /** Inclusive lower bound. */
  from?: Date;
  /** Upper bound; exclusive when toExclusive. */
  to?: Date;
  toExclusive?: boolean;
}

/** A cursor the client mangled is a 400, never a 500. */
function readCursor(cursor: string | undefined): { micros: string; id: string } | null {
  if (!cursor) return null;
  const c = decodeCursor(cursor);
  if (!c || typeof c[0] !== 'string' || !/^\d{1,20}$/.test(c[0]) || !z.uuid().safeParse(c[1]).success) {
    throw invalidField('cursor', 'field.invalid_type');
  }
  return { micros: c[0], id: c[1] as string };
}

/**
 * One page of the audit trail, newest first, keyset-paginated on (at, id). The cursor carries microseconds
 * since the epoch: a JS Date would drop them, and the entries of one request share one timestamp.
 */
export async function queryAudit(tx: Tx, tenantId: string, f: AuditFilters, limit: number, cursor?: string) {
  const after = readCursor(cursor);
  const rows = await tx
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: sql<
        string | null
      >`(SELECT name FROM users u WHERE u.tenant_id = ${auditLog.tenantId} AND u.id = ${auditLog.actorId})`,
      action: auditLog.action,
      objectType: auditLog.objectType,
      recordId: auditLog.recordId,
      changes: auditLog.changes,
      route: auditLog.route,
      cursorAt: sql<string>`(extract(epoch from ${auditLog.at}) * 1000000)::bigint::text`,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        f.objectType ? eq(auditLog.objectType, f.objectType) : undefined,
        f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
        f.recordId ? eq(auditLog.recordId, f.recordId) : undefined,
        f.from ? gte(auditLog.at, f.from) : undefined,
        f.to ? (f.toExclusive ? lt(auditLog.at, f.to) : lte(auditLog.at, f.to)) : undefined,
        after
          ? sql`(${auditLog.at}, ${auditLog.id}) <
              (timestamptz 'epoch' + ${after.micros}::bigint * interval '1 microsecond', ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(({ cursorAt: _, ...item }) => item);
  const last = rows[limit - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.cursorAt, last.id]) : null };
}
