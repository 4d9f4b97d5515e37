// The contacts source of global search: name, mobile and e-mail substrings of the contacts of customers the
// actor may see (a contact is visible exactly when its customer is).
// The match goes through the contacts module's search_contact_ids (trigram indexes, migration 0012).
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { contacts, contactTextMatch } from '../contacts/index.ts';
import { customers, customerVisibility } from '../customers/index.ts';
import type { SearchHit } from './search.registry.ts';

export async function searchContacts(tx: Tx, actor: Actor, q: string, limit: number): Promise<SearchHit[]> {
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
      and(eq(contacts.tenantId, actor.tenantId), contactTextMatch(q, contacts.id), await customerVisibility(tx, actor)),
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
