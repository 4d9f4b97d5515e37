import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { invalidField, notFound } from '../../platform/errors/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/schemas.ts';
import { accessColumn, customerConditions } from '../contacts/contacts.policy.ts';
import type { FollowUp } from './followups.schemas.ts';

const toDate = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * Follow-ups of visible customers with author, contact and attachments, in one statement, newest first
 * ((at, id) descending: the keyset of the timeline).
 */
export async function selectFollowUps(tx: Tx, actor: Actor, where: SQL, limit: number): Promise<FollowUp[]> {
  const { read, write } = await customerConditions(tx, actor);
  const result = await tx.execute<FollowUp>(sql`
    SELECT f.id, f.customer_id AS "customerId", f.contact_id AS "contactId", ct.name AS "contactName",
      f.kind, f.content, f.at, f.next_contact_at AS "nextContactAt", f.author_id AS "authorId",
      u.name AS "authorName", f.created_at AS "createdAt", f.updated_at AS "updatedAt",
      COALESCE((SELECT json_agg(json_build_object('id', a.id, 'fileName', a.file_name,
          'contentType', a.content_type, 'size', a.size) ORDER BY a.created_at, a.id)
        FROM attachments a WHERE a.tenant_id = f.tenant_id AND a.record_type = 'follow_up' AND a.record_id = f.id),
        '[]'::json) AS attachments,
      ${accessColumn(write)} AS access
    FROM follow_ups f
    JOIN customers ON customers.tenant_id = f.tenant_id AND customers.id = f.customer_id
    JOIN users u ON u.tenant_id = f.tenant_id AND u.id = f.author_id
    LEFT JOIN contacts ct ON ct.tenant_id = f.tenant_id AND ct.id = f.contact_id
    WHERE f.tenant_id = ${actor.tenantId} AND ${read} AND ${where}
    ORDER BY f.at DESC, f.id DESC
    LIMIT ${limit}`);
  return result.rows.map((r) => ({
    ...r,
    at: toDate(r.at)!,
    nextContactAt: toDate(r.nextContactAt),
    createdAt: toDate(r.createdAt)!,
    updatedAt: toDate(r.updatedAt)!,
    attachments: (parse(r.attachments) as FollowUp['attachments']).map((a) => ({ ...a, size: Number(a.size) })),
  }));
}

/** The timeline of one customer: newest first, keyset-paginated on (at, id). */
export async function customerTimeline(
  tx: Tx,
  actor: Actor,
  customerId: string,
  query: { limit: number; cursor?: string },
) {
  const conditions: SQL[] = [sql`f.customer_id = ${customerId}`];
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    if (!c || typeof c[0] !== 'string' || typeof c[1] !== 'string' || Number.isNaN(Date.parse(c[0]))) {
      throw invalidField('cursor', 'field.invalid_type');
    }
    conditions.push(sql`(f.at, f.id) < (${c[0]}::timestamptz, ${c[1]}::uuid)`);
  }
  const rows = await selectFollowUps(tx, actor, sql.join(conditions, sql` AND `), query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor([last.at.toISOString(), last.id]) : null;
  return { items, nextCursor };
}

export async function findVisibleFollowUp(tx: Tx, actor: Actor, id: string): Promise<FollowUp> {
  const [row] = await selectFollowUps(tx, actor, sql`f.id = ${id}`, 1);
  if (!row) throw notFound();
  return row;
}
