import { z } from 'zod';
import { attachment } from '../attachments/index.ts';
import { followUpKinds } from './followups.table.ts';

export const followUp = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  kind: z.enum(followUpKinds),
  content: z.string(),
  at: z.date(),
  nextContactAt: z.date().nullable(),
  authorId: z.uuid(),
  authorName: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  attachments: z.array(attachment.pick({ id: true, fileName: true, contentType: true, size: true })),
  access: z.enum(['read', 'write']),
});
export type FollowUp = z.infer<typeof followUp>;

const content = () => z.string().trim().min(1).max(5000);

export const createFollowUpBody = z.object({
  customerId: z.uuid(),
  contactId: z.uuid().nullish(),
  kind: z.enum(followUpKinds),
  content: content(),
  /** When it happened; defaults to now. */
  at: z.coerce.date().optional(),
  nextContactAt: z.coerce.date().nullish(),
});
export type CreateFollowUp = z.infer<typeof createFollowUpBody>;

export const updateFollowUpBody = z.object({
  contactId: z.uuid().nullable().optional(),
  kind: z.enum(followUpKinds).optional(),
  content: content().optional(),
  at: z.coerce.date().optional(),
  nextContactAt: z.coerce.date().nullable().optional(),
});
export type UpdateFollowUp = z.infer<typeof updateFollowUpBody>;
