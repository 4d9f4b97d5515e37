// The contacts source of global search: name, mobile and e-mail substrings of the contacts of customers the
// actor may see (a contact is visible exactly when its customer is).
// Seam: contacts have no trigram indexes yet, so this matches by ILIKE over the tenant's contacts; at scale add
// GIN trigram indexes on contacts (name, mobile, email) and a search_contact_ids function like
// search_customer_ids (migration 0006), since row-level security keeps ILIKE from using an index directly.
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { contacts } from '../contacts/index.ts';
import { customers, customerVisibility } from '../customers/index.ts';
import { customerPatterns } from './search.customers.ts';
import type { SearchHit } from './search.registry.ts';

export async function searchContacts(tx: Tx, actor: Actor, q: string, limit: number): Promise<SearchHit[]> {
  const p = customerPatterns(q);
  const match = [
    sql`${contacts.name} ILIKE ${p.name}`,
    p.phone ? sql`regexp_replace(coalesce(${contacts.mobile}, ''), '\\D', '', 'g') LIKE ${p.phone}` : undefined,
    p.email ? sql`lower(${contacts.email}) LIKE ${p.email}` : undefined,
  ].filter((c) => c !== undefined);
  const rows = await tx
    .select({
      id: contacts.id,
      name: contacts.name,
      title: contacts.title,
      mobile: contacts.mobile,
      customerId: customers.id,
      customerName: customers.name,
    })
    .from(contacts)
    .innerJoin(customers, and(eq(customers.tenantId, contacts.tenantId), eq(customers.id, contacts.customerId)))
    .where(
      and(
        eq(contacts.tenantId, actor.tenantId),
        sql`(${sql.join(match, sql` OR `)})`,
        await customerVisibility(tx, actor),
      ),
    )
    .orderBy(sql`length(${contacts.name})`, contacts.name)
    .limit(limit);
  return rows.map((r) => ({
    type: 'contact',
    id: r.id,
    title: r.name,
    subtitle: [r.customerName, r.title, r.mobile].filter(Boolean).join(' · ') || null,
    url: `/customers/${r.customerId}?tab=contacts&contact=${r.id}`,
  }));
}
