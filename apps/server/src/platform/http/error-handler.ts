import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors/errors.ts';
import { type Locale, pickLocale, translate } from '../i18n/i18n.ts';
import type { ErrorBody } from './error-schema.ts';

interface ZodIssueLike {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

/** Map one zod issue to a message key in the catalogue, so field errors speak the caller's language. */
function issueMessage(locale: Locale, issue: ZodIssueLike): string {
  const p = issue.params;
  if (issue.message.includes('.') && !issue.message.includes(' ')) return translate(locale, issue.message, p);
  switch (issue.keyword) {
    case 'invalid_type':
      return translate(
        locale,
        /received undefined|received null/.test(issue.message) ? 'field.required' : 'field.invalid_type',
      );
    case 'too_small':
      if (p.origin === 'string')
        return translate(locale, p.minimum === 1 ? 'field.required' : 'field.too_short', { min: p.minimum });
      if (p.origin === 'array' || p.origin === 'set')
        return translate(locale, 'field.too_few_items', { min: p.minimum });
      return translate(locale, 'field.too_small', { min: p.minimum });
    case 'too_big':
      return translate(locale, p.origin === 'string' ? 'field.too_long' : 'field.too_big', { max: p.maximum });
    case 'invalid_format':
      if (p.format === 'email') return translate(locale, 'field.invalid_email');
      if (p.format === 'uuid') return translate(locale, 'field.invalid_uuid');
      return translate(locale, 'field.invalid_type');
    case 'invalid_value':
    case 'invalid_union':
      return translate(locale, 'field.invalid_option');
    case 'unrecognized_keys':
      return translate(locale, 'field.unknown');
    default:
      return translate(locale, 'field.invalid_type');
  }
}

export function body(
  locale: Locale,
  code: string,
  params: Record<string, unknown> = {},
  fields?: Record<string, string>,
  details?: Record<string, unknown>,
): ErrorBody {
  return {
    error: { ...details, code, message: translate(locale, code, params), ...(fields ? { fields } : {}) },
  };
}

/** Every failure leaves as the one error shape; only real server faults are 500 (and logged). */
export function installErrorHandler(app: FastifyInstance, opts: { serveAppShell: boolean }): void {
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes of the web app: a non-API GET that matched nothing gets the app shell.
    if (opts.serveAppShell && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.code(404).send(body(pickLocale(req.headers['accept-language']), 'common.not_found'));
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const locale = pickLocale(req.headers['accept-language']);
    if (error instanceof AppError) {
      const fields = error.fields
        ? Object.fromEntries(Object.entries(error.fields).map(([k, f]) => [k, translate(locale, f.key, f.params)]))
        : undefined;
      return reply.code(error.status).send(body(locale, error.code, error.params, fields, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // A malformed id in the path names no record: the same 404 as an unknown or foreign id.
      if (error.validationContext === 'params') return reply.code(404).send(body(locale, 'common.not_found'));
      const fields: Record<string, string> = {};
      for (const issue of error.validation as unknown as ZodIssueLike[]) {
        const key = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || '_';
        fields[key] ??= issueMessage(locale, issue);
      }
      return reply.code(400).send(body(locale, 'common.validation', {}, fields));
    }
    const pgCode = postgresErrorCode(error);
    // Unique or foreign-key violations that slipped past a handler's own checks (e.g. a race): the client's conflict.
    if (pgCode === '23505' || pgCode === '23503') return reply.code(409).send(body(locale, 'common.conflict'));
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.code(413).send(body(locale, 'common.payload_too_large'));
    if (status === 429) return reply.code(429).send(body(locale, 'common.rate_limited'));
    if (status >= 400 && status < 500) return reply.code(400).send(body(locale, 'common.bad_request'));
    req.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(body(locale, 'common.internal'));
  });
}

/** drizzle wraps driver errors; the SQLSTATE may sit on the error or its cause. */
function postgresErrorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as never, i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}
