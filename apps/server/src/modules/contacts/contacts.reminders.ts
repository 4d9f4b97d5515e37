import { sql } from 'drizzle-orm';
import { registerReminderSource } from '../reminders/index.ts';
import { chinaDate, monthDaysWithin, nextBirthday, startOfChinaDay } from './birthdays.ts';

const LIMIT = 500;

// Birthdays of the contacts of the actor's own customers within the next N days (N from the request, default 7).
registerReminderSource({
  type: 'contact_birthday',
  label: { 'zh-CN': '客户人员生日', en: 'Contact birthdays' },
  list: async (tx, actor, now, { days }) => {
    const today = chinaDate(now);
    const keys = `{${monthDaysWithin(today, days).join(',')}}`;
    const rows = await tx.execute<{
      id: string;
      name: string;
      birthday: string;
      customerId: string;
      customerName: string;
    }>(
      sql`SELECT ct.id, ct.name, ct.birthday::text AS birthday, ct.customer_id AS "customerId", c.name AS "customerName"
        FROM customers c
        JOIN contacts ct ON ct.tenant_id = c.tenant_id AND ct.customer_id = c.id
        WHERE c.tenant_id = ${actor.tenantId} AND c.owner_id = ${actor.userId}
          AND ct.birthday IS NOT NULL AND to_char(ct.birthday, 'MM-DD') = ANY(${keys}::text[])
        LIMIT ${LIMIT}`,
    );
    return rows.rows
      .map((r) => ({ r, next: nextBirthday(r.birthday, today) }))
      .filter(({ next }) => next.inDays <= days)
      .map(({ r, next }) => ({
        type: 'contact_birthday',
        title: `${r.name}（${r.customerName}）生日`,
        dueAt: startOfChinaDay(next.date),
        recordType: 'contact',
        recordId: r.id,
        url: `/customers/${r.customerId}`,
      }));
  },
});
