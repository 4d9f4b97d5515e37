import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { collectReminders, reminder, reminderSources } from './reminders.registry.ts';

export const reminderRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/reminders',
    permission: 'authenticated',
    summary: 'What is due for the caller (follow-ups due, birthdays, …) with a count per type',
    tags: ['reminders'],
    query: z.object({
      /** Birthday look-ahead in days. */
      days: z.coerce.number().int().min(0).max(60).default(7),
      /** The moment to evaluate at; defaults to now (lets clients and tests ask "as of"). */
      asOf: z.coerce.date().optional(),
    }),
    response: z.object({
      items: z.array(reminder),
      counts: z.record(z.string(), z.number().int()),
      types: z.array(z.object({ type: z.string(), label: z.object({ 'zh-CN': z.string(), en: z.string() }) })),
    }),
    handler: async (ctx, { query }) => {
      const result = await collectReminders(ctx.tx, ctx.actor, query.asOf ?? new Date(), { days: query.days });
      return { ...result, types: reminderSources().map(({ type, label }) => ({ type, label })) };
    },
  }),
];
