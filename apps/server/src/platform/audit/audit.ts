import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
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

export interface HistoryRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  changes: FieldChange[];
}

/** A record's history, newest first, keyset-paginated on (at, id). */
export async function recordHistory(
  tx: Tx,
  tenantId: string,
  objectType: string,
  recordId: string,
  limit: number,
  before?: { at: Date; id: string },
): Promise<HistoryRow[]> {
  const rows = await tx
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: sql<
        string | null
      >`(SELECT name FROM users u WHERE u.tenant_id = ${auditLog.tenantId} AND u.id = ${auditLog.actorId})`,
      action: auditLog.action,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        eq(auditLog.objectType, objectType),
        eq(auditLog.recordId, recordId),
        before ? sql`(${auditLog.at}, ${auditLog.id}) < (${before.at}, ${before.id})` : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows;
}
