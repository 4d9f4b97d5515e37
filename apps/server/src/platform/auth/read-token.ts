import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './tokens.ts';

/** The session token from the Authorization header (API clients) or the session cookie (the web app). */
export function readToken(req: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return { token: header.slice(7).trim(), via: 'bearer' };
  const cookie = req.cookies?.[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}
