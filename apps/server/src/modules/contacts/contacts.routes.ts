import { historyRoute } from '../../platform/audit/history-route.ts';
import { notFound } from '../../platform/errors/errors.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { emptyResponse, idParams, listQuery, page } from '../../platform/http/schemas.ts';
import { massEmail, massMessageStatus, massSms } from './contacts.mass.ts';
import { customerAccess } from './contacts.policy.ts';
import { findVisibleContact, listContacts } from './contacts.queries.ts';
import {
  contact,
  contactListQuery,
  createContactBody,
  massEmailBody,
  massMessageQueued,
  massMessageStatus as massMessageStatusSchema,
  massSmsBody,
  updateContactBody,
} from './contacts.schemas.ts';
import { createContact, deleteContact, updateContact } from './contacts.service.ts';

const tags = ['contacts'];
const audit = (action: string) => ({ objectType: 'contact', action });

export const contactRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/contacts',
    permission: 'contacts.view',
    summary: 'Contacts of the customers the caller may see; filter by customer, key flag, name / mobile / e-mail',
    tags,
    query: contactListQuery,
    response: page(contact),
    handler: (ctx, { query }) => listContacts(ctx.tx, ctx.actor, query),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/customers/:id/contacts',
    permission: 'contacts.view',
    summary: 'The contacts of one customer (404 when the customer is not visible)',
    tags,
    params: idParams,
    query: listQuery,
    response: page(contact),
    handler: async (ctx, { params, query }) => {
      if ((await customerAccess(ctx.tx, ctx.actor, params.id)).access === 'none') throw notFound();
      return listContacts(ctx.tx, ctx.actor, { ...query, customerId: params.id });
    },
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/contacts/:id',
    permission: 'contacts.view',
    summary: 'One contact',
    tags,
    params: idParams,
    response: contact,
    handler: (ctx, { params }) => findVisibleContact(ctx.tx, ctx.actor, params.id),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/contacts',
    permission: 'contacts.create',
    summary: 'Add a contact to a customer the caller may change',
    tags,
    body: createContactBody,
    response: contact,
    status: 201,
    audit: audit('create'),
    handler: (ctx, { body }) => createContact(ctx, body),
  }),

  defineRoute({
    method: 'PATCH',
    url: '/api/v1/contacts/:id',
    permission: 'contacts.edit',
    summary: 'Edit a contact',
    tags,
    params: idParams,
    body: updateContactBody,
    response: contact,
    audit: audit('update'),
    handler: (ctx, { params, body }) => updateContact(ctx, params.id, body),
  }),

  defineRoute({
    method: 'DELETE',
    url: '/api/v1/contacts/:id',
    permission: 'contacts.delete',
    summary: 'Delete a contact (its follow-ups stay on the customer)',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: audit('delete'),
    handler: async (ctx, { params }) => {
      await deleteContact(ctx, params.id);
      return null;
    },
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/contacts/mass-email',
    permission: 'contacts.mass_message',
    summary: 'E-mail a set of visible contacts (ids or a filter); queued, delivered by a background job (群发邮件)',
    tags,
    body: massEmailBody,
    response: massMessageQueued,
    status: 202,
    audit: audit('mass_email'),
    handler: (ctx, { body }) => massEmail(ctx, body),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/contacts/mass-sms',
    permission: 'contacts.mass_message',
    summary: 'Text a set of visible contacts (ids or a filter) through the SMS provider (群发短信)',
    tags,
    body: massSmsBody,
    response: massMessageQueued,
    status: 202,
    audit: audit('mass_sms'),
    handler: (ctx, { body }) => massSms(ctx, body),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/contacts/mass-messages/:id',
    permission: 'contacts.mass_message',
    summary: "Progress of one of the caller's mass mailings: per-recipient status",
    tags,
    params: idParams,
    response: massMessageStatusSchema,
    handler: (ctx, { params }) => massMessageStatus(ctx, params.id),
  }),

  historyRoute({
    url: '/api/v1/contacts/:id/history',
    objectType: 'contact',
    permission: 'contacts.view',
    tags,
    isVisible: async (ctx, id) => Boolean(await findVisibleContact(ctx.tx, ctx.actor, id).catch(() => null)),
  }),
];
