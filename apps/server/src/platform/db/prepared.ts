import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Executor } from './database.ts';

type Session = {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: undefined,
    name: string,
    arrayMode: false,
  ): { execute(): Promise<{ rows: unknown[] }> };
};

/**
 * Run a hot statement — one that every request or every list page runs — as a named prepared statement.
 * On PostgreSQL the statement is parsed once per connection and, once PostgreSQL finds its generic plan as
 * good as the custom ones, no longer planned per call: planning was about half of the database's CPU time
 * for a customer list page. The name is a hash of the SQL text, so a text built with other filters is another
 * statement. Every connection keeps each statement it has seen, so past MAX_NAMED distinct texts in this
 * process (filters on many custom-field values make many), further texts run unnamed. PGlite runs it as an
 * ordinary query. Results are the same rows as `tx.execute`'s (drizzle's own query path, its type parsers).
 */
export async function executePrepared<T>(tx: Executor, query: SQL): Promise<{ rows: T[] }> {
  const session = (tx as unknown as { session: Session }).session;
  const built = session.dialect.sqlToQuery(query);
  let name = named.get(built.sql);
  if (!name && named.size < MAX_NAMED) {
    name = `h_${createHash('sha1').update(built.sql).digest('base64url').slice(0, 24)}`;
    named.set(built.sql, name);
  }
  if (!name) return tx.execute(query) as unknown as Promise<{ rows: T[] }>;
  return (await session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
}

const MAX_NAMED = 256;
const named = new Map<string, string>();
