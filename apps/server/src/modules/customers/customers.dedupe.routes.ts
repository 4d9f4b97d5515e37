import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { findDuplicates } from './customers.dedupe.ts';

const text = (max: number) => z.string().max(max).nullish();

export const duplicateCheckBody = z.strictObject({
  name: text(200),
  phone: text(50),
  email: text(254),
  creditCode: text(40),
  excludeId: z.uuid().nullish(),
});

export const duplicateCheckResponse = z.object({
  items: z.array(
    z.object({
      id: z.uuid().nullable(),
      name: z.string(),
      ownerName: z.string().nullable(),
      matchedOn: z.array(z.enum(['name', 'phone', 'email', 'creditCode'])),
      visible: z.boolean(),
    }),
  ),
});

export const dedupeRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/customers/duplicate-check',
    permission: 'customers.view',
    summary: '查重: customers sharing a normalised name, phone, e-mail or credit code (unseen ones as name + owner)',
    tags: ['customers'],
    body: duplicateCheckBody,
    response: duplicateCheckResponse,
    // A read that happens to need a body: nothing changes, so the audit entry says so.
    audit: { objectType: 'customer', action: 'duplicate_check' },
    handler: async ({ tx, actor }, { body }) => ({ items: await findDuplicates(tx, actor, body) }),
  }),
];
