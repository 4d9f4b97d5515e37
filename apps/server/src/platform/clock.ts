import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from './config/config.ts';
import { forbidden } from './errors/errors.ts';

/**
 * The business clock: "now" for rules that count calendar days (the pool rules: the daily job, applying a pool's
 * rules on demand, the dry-run's default date). It is the real clock plus an offset that stays 0 unless the
 * server runs with TEST_CLOCK, where a test moves it with PUT /api/v1/test/clock to show a time-driven rule in a
 * browser journey without waiting N days. Everything else (created_at, sessions, schedules, claim limits) keeps
 * the real clock. The offset is per process.
 */
const DAY_MS = 86_400_000;
let offsetMs = 0;

export function businessNow(): Date {
  return new Date(Date.now() + offsetMs);
}

const clockBody = z.object({ offsetDays: z.number().int().min(-3650).max(3650) });
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The peer address of the socket, not req.ip: the app trusts X-Forwarded-For (trustProxy), which a caller can
 * set to anything.
 */
const fromLoopback = (req: FastifyRequest) => LOOPBACK.has(req.socket.remoteAddress ?? '');

/**
 * With TEST_CLOCK on (never in production), PUT /api/v1/test/clock {offsetDays} sets the business clock to the
 * real clock + offsetDays and answers {offsetDays, now}; offsetDays 0 puts it back. Callers on the same machine
 * only, no login, left out of the OpenAPI document. With TEST_CLOCK off the route does not exist (404), and the
 * offset cannot be changed at all. Closing the app resets the offset.
 */
export function registerTestClock(app: FastifyInstance, config: Config): void {
  if (!config.testClock) return;
  if (process.env.NODE_ENV === 'production') throw new Error('TEST_CLOCK cannot be enabled with NODE_ENV=production');
  app.put(
    '/api/v1/test/clock',
    { schema: { hide: true, body: clockBody } },
    async (req: FastifyRequest<{ Body: z.infer<typeof clockBody> }>) => {
      if (!fromLoopback(req)) throw forbidden();
      offsetMs = req.body.offsetDays * DAY_MS;
      req.log.warn({ offsetDays: req.body.offsetDays }, 'test clock moved');
      return { offsetDays: req.body.offsetDays, now: businessNow().toISOString() };
    },
  );
  app.addHook('onClose', async () => {
    offsetMs = 0;
  });
}
