import type { Actor } from '../../platform/access/actor.ts';
import type { Label } from '../../platform/access/permissions.ts';
import type { Tx } from '../../platform/db/database.ts';

export interface SearchHit {
  type: string;
  id: string;
  title: string;
  subtitle: string | null;
  /** Where the web app shows the record, e.g. /customers/<id>. */
  url: string;
}

/**
 * Something global search looks in (customers, contacts; later leads, opportunities …). A source applies its
 * own data scope: it answers only records the actor may see, at most `limit` of them, best first.
 */
export interface SearchSource {
  type: string;
  label: Label;
  /** The grant the actor needs for this source to be asked at all (e.g. customers.view). */
  permission: string;
  search(tx: Tx, actor: Actor, q: string, limit: number): Promise<SearchHit[]>;
}

const sources = new Map<string, SearchSource>();

/** Modules call this from their index.ts; registering a type again replaces it. Sources answer in this order. */
export function registerSearchSource(source: SearchSource): void {
  sources.set(source.type, source);
}

export function searchSources(): SearchSource[] {
  return [...sources.values()];
}
