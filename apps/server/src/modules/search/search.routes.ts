import { z } from 'zod';
import { can } from '../../platform/access/actor.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { type SearchHit, searchSources } from './search.registry.ts';

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  /** Per source. */
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const searchResponse = z.object({
  items: z.array(
    z.object({
      type: z.string(),
      id: z.uuid(),
      title: z.string(),
      subtitle: z.string().nullable(),
      url: z.string(),
    }),
  ),
});

export const searchRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/search',
    // Each source needs its own grant (customers.view …) and applies its own data scope.
    permission: 'authenticated',
    summary: 'Global search over every registered source (customers, contacts …), within the caller’s scope',
    tags: ['search'],
    query: searchQuery,
    response: searchResponse,
    handler: async ({ tx, actor }, { query }) => {
      const items: SearchHit[] = [];
      // One transaction runs one statement at a time: sources answer in turn, in registration order.
      for (const source of searchSources()) {
        if (!can(actor, source.permission)) continue;
        items.push(...(await source.search(tx, actor, query.q, query.limit)));
      }
      return { items };
    },
  }),
];
