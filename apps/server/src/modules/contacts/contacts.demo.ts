// Demo contacts: a key contact with an e-mail address for the demo company's main customers, so the customer
// view shows people and a demo quote can be e-mailed.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { RequestContext } from '../../platform/http/route.ts';
import { customers } from '../customers/customers.table.ts';
import { createContactBody } from './contacts.schemas.ts';
import { createContact } from './contacts.service.ts';

const PEOPLE: Array<[name: string, title: string]> = [
  ['王建国', '采购经理'],
  ['刘晓燕', '信息部主任'],
  ['陈志强', '总经理'],
  ['赵丽', '财务总监'],
  ['孙浩', '技术负责人'],
  ['周敏', '行政主管'],
  ['吴磊', '采购专员'],
  ['郑欣', '副总经理'],
];

export async function seedDemoContacts(
  ctx: Pick<RequestContext, 'tx' | 'actor'> & { audit: Pick<RequestContext['audit'], 'record'> },
): Promise<number> {
  const owned = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.actor.tenantId), isNotNull(customers.ownerId)))
    .orderBy(asc(customers.createdAt), asc(customers.id))
    .limit(PEOPLE.length);
  for (const [i, c] of owned.entries()) {
    const [name, title] = PEOPLE[i]!;
    const input = createContactBody.parse({
      customerId: c.id,
      name,
      title,
      mobile: `1380013${String(8000 + i).padStart(4, '0')}`,
      email: `contact${i + 1}@demo-customer.example`,
      isKey: true,
    });
    await createContact(ctx as unknown as RequestContext, input);
  }
  return owned.length;
}
