import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'huike_session';
export const CSRF_COOKIE = 'huike_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
