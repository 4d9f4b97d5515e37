import { sql } from 'drizzle-orm';
import { registerReminderSource } from '../reminders/index.ts';

const DAY_MS = 86_400_000;
const LIMIT = 500;

// Customers of the actor whose next contact time (from the latest follow-up) is past or within a day.
registerReminderSource({
  type: 'follow_up_due',
  label: { 'zh-CN': '待跟进客户', en: 'Follow-ups due' },
  list: async (tx, actor, now) => {
    const until = new Date(now.getTime() + DAY_MS);
    const rows = await tx.execute<{ id: string; name: string; nextContactAt: Date | string }>(sql`
      SELECT c.id, c.name, c.next_contact_at AS "nextContactAt" FROM customers c
      WHERE c.tenant_id = ${actor.tenantId} AND c.owner_id = ${actor.userId}
        AND c.next_contact_at IS NOT NULL AND c.next_contact_at <= ${until.toISOString()}::timestamptz
      ORDER BY c.next_contact_at, c.id
      LIMIT ${LIMIT}`);
    return rows.rows.map((r) => ({
      type: 'follow_up_due',
      title: r.name,
      dueAt: r.nextContactAt instanceof Date ? r.nextContactAt : new Date(r.nextContactAt),
      recordType: 'customer',
      recordId: r.id,
      url: `/customers/${r.id}`,
    }));
  },
});
