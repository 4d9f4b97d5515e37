import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../access/actor.ts';
import type { AuditWriter } from '../audit/audit.ts';
import type { Tx } from '../db/database.ts';
import type { Locale } from '../i18n/i18n.ts';
import type { Services } from './services.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * "public": no login (register, login). "authenticated": any logged-in user (me, logout).
 * Anything else is a permission from the catalogue, e.g. "employees.create".
 */
export type Permission = 'public' | 'authenticated' | (string & {});

export interface RequestContext {
  actor: Actor;
  /** The request's transaction: bound to the actor's tenant, running as the app role under RLS. */
  tx: Tx;
  locale: Locale;
  audit: AuditWriter;
  services: Services;
  req: FastifyRequest;
  reply: FastifyReply;
  /**
   * Run fn once the request's transaction has committed, before the response is sent: file clean-up,
   * handing queued work to the job runner. Never runs when the request fails.
   */
  afterCommit(fn: () => Promise<void>): void;
}

/** Public routes have no actor and no tenant transaction; they use services.database explicitly. */
export interface PublicContext {
  locale: Locale;
  services: Services;
  req: FastifyRequest;
  reply: FastifyReply;
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;
type Input<P, Q, B> = { params: Infer<P>; query: Infer<Q>; body: Infer<B> };

interface RouteBase<P, Q, B, R> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Success status; 200 unless said (201 for creations). */
  status?: number;
  /** For writes: what the generic audit entry names when the handler records nothing more precise. */
  audit?: { objectType: string; action: string };
  /** Request bodies are multipart (file uploads); the handler reads req.file(). */
  multipart?: boolean;
}

export interface PrivateRoute<P, Q, B, R extends z.ZodType> extends RouteBase<P, Q, B, R> {
  permission: 'authenticated' | (string & {});
  /**
   * Further grants the request needs, decided from its input and checked by the platform like the main one:
   * e.g. setting roleIds on an employee also needs roles.manage, so nobody can grant themselves more.
   */
  alsoRequires?: (input: Input<P, Q, B>) => string[];
  handler: (ctx: RequestContext, input: Input<P, Q, B>) => Promise<z.input<R>>;
}

export interface PublicRoute<P, Q, B, R extends z.ZodType> extends RouteBase<P, Q, B, R> {
  permission: 'public';
  handler: (ctx: PublicContext, input: Input<P, Q, B>) => Promise<z.input<R>>;
}

// biome-ignore lint/suspicious/noExplicitAny: a table of routes with different input types; each was checked by defineRoute.
export type RouteDef = PrivateRoute<any, any, any, z.ZodType> | PublicRoute<any, any, any, z.ZodType>;

/** Declare a route: permission, schemas and a one-line handler. The platform does everything else. */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(def: PrivateRoute<P, Q, B, R>): RouteDef {
  return def as RouteDef;
}

/** A route anyone may call (register, login): no actor, no tenant transaction. */
export function definePublicRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(def: PublicRoute<P, Q, B, R>): RouteDef {
  return def as RouteDef;
}

export const isWrite = (method: Method) => method !== 'GET';
