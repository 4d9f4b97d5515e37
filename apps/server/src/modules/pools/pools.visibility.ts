import { sql } from 'drizzle-orm';
import { can } from '../../platform/access/actor.ts';
import { extendCustomerVisibility } from '../customers/customers.policy.ts';
import { customers } from '../customers/customers.table.ts';
import { memberPoolIds } from './pools.queries.ts';

// Pool customers (no owner) are readable by the members of their pool's departments and by pool managers,
// wherever customers are read (detail, contacts, follow-ups …), exactly as the pool's own list shows them.
extendCustomerVisibility('pools', async (tx, actor) => {
  if (can(actor, 'pools.manage')) return sql`(${customers.ownerId} IS NULL AND ${customers.poolId} IS NOT NULL)`;
  if (!can(actor, 'pools.view')) return null;
  const ids = await memberPoolIds(tx, actor);
  if (ids.length === 0) return null;
  return sql`(${customers.ownerId} IS NULL AND ${customers.poolId} = ANY(${`{${ids.join(',')}}`}::uuid[]))`;
});
