import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { emptyResponse, idParams } from '../../platform/http/schemas.ts';
import {
  attachment,
  deleteAttachment,
  downloadAttachment,
  listAttachments,
  uploadAttachment,
} from './attachments.service.ts';

const tags = ['attachments'];
const audit = (action: string) => ({ objectType: 'attachment', action });
const recordParams = z.object({ recordType: z.string().max(50), recordId: z.uuid() });

/*
 * Attachments carry no grant of their own: each record type's access rule (registry) decides, including the
 * function grant it needs (e.g. customers.view to read a customer's files, customers.edit to add one).
 */
export const attachmentRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/attachments/:recordType/:recordId',
    permission: 'authenticated',
    summary: 'Files attached to one record (customer, contact, follow_up, …), if the caller may see the record',
    tags,
    params: recordParams,
    response: z.object({ items: z.array(attachment) }),
    handler: (ctx, { params }) => listAttachments(ctx, params.recordType, params.recordId),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/attachments/:recordType/:recordId',
    permission: 'authenticated',
    summary: 'Attach a file (multipart field "file"; ≤ MAX_UPLOAD_BYTES; images, pdf, office documents, txt, csv, zip)',
    tags,
    params: recordParams,
    multipart: true,
    response: attachment,
    status: 201,
    audit: audit('create'),
    handler: (ctx, { params }) => uploadAttachment(ctx, params.recordType, params.recordId),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/attachments/:id/download',
    permission: 'authenticated',
    summary: 'Download a file, only while its record is visible to the caller',
    tags,
    params: idParams,
    response: z.any(),
    handler: (ctx, { params }) => downloadAttachment(ctx, params.id),
  }),

  defineRoute({
    method: 'DELETE',
    url: '/api/v1/attachments/:id',
    permission: 'authenticated',
    summary: 'Remove a file (needs write access to its record)',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: audit('delete'),
    handler: async (ctx, { params }) => {
      await deleteAttachment(ctx, params.id);
      return null;
    },
  }),
];
