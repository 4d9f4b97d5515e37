import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import type { Label } from '../../platform/access/permissions.ts';
import type { Tx } from '../../platform/db/database.ts';

export const reminder = z.object({
  type: z.string(),
  title: z.string(),
  dueAt: z.date(),
  recordType: z.string(),
  recordId: z.uuid(),
  /** Where the web app shows the record, e.g. /customers/<id>. */
  url: z.string(),
});
export type Reminder = z.infer<typeof reminder>;

export interface ReminderOptions {
  /** Look-ahead window in days for sources that have one (birthdays). */
  days: number;
}

/**
 * Something that raises reminders for the actor (提醒): follow-ups due, birthdays, "moves to the pool in N
 * days", … `list` answers what is due for this actor as of `now`; the clock is an argument so tests and
 * dry-runs drive it.
 */
export interface ReminderSource {
  type: string;
  label: Label;
  list(tx: Tx, actor: Actor, now: Date, options: ReminderOptions): Promise<Reminder[]>;
}

const registry = new Map<string, ReminderSource>();

export function registerReminderSource(source: ReminderSource): void {
  registry.set(source.type, source);
}

export function reminderSources(): ReminderSource[] {
  return [...registry.values()];
}

/** Every source's reminders for the actor, soonest first, with a count per type (0 for a quiet source). */
export async function collectReminders(tx: Tx, actor: Actor, now: Date, options: ReminderOptions) {
  const items: Reminder[] = [];
  const counts: Record<string, number> = {};
  for (const source of reminderSources()) {
    const found = await source.list(tx, actor, now, options);
    counts[source.type] = found.length;
    items.push(...found);
  }
  items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return { items, counts };
}
