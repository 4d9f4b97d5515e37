import { defineRoute } from '../../platform/http/route.ts';
import { emptyResponse, idParams } from '../../platform/http/schemas.ts';
import { createBody, customField, customFieldList, listQuery, patchBody } from './customfields.schemas.ts';
import { createCustomField, deleteCustomField, listCustomFields, updateCustomField } from './customfields.service.ts';

const tags = ['custom-fields'];
const audit = { objectType: 'custom_field', action: 'update' };

export const customFieldRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/custom-fields',
    // Every user fills in and reads custom fields on the records they may see.
    permission: 'authenticated',
    summary: 'Custom fields (自定义字段) of customers and contacts, in display order',
    tags,
    query: listQuery,
    response: customFieldList,
    handler: async ({ tx, actor }, { query }) => ({
      items: await listCustomFields(tx, actor.tenantId, query.objectType),
    }),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/custom-fields',
    permission: 'settings.manage',
    summary: 'Add a custom field (key generated unless given; fixed once created)',
    tags,
    body: createBody,
    response: customField,
    status: 201,
    audit: { ...audit, action: 'create' },
    handler: async (ctx, { body }) => createCustomField(ctx, body),
  }),

  defineRoute({
    method: 'PATCH',
    url: '/api/v1/custom-fields/:id',
    permission: 'settings.manage',
    summary: 'Change a custom field’s label, required flag, options or order',
    tags,
    params: idParams,
    body: patchBody,
    response: customField,
    audit,
    handler: async (ctx, { params, body }) => updateCustomField(ctx, params.id, body),
  }),

  defineRoute({
    method: 'DELETE',
    url: '/api/v1/custom-fields/:id',
    permission: 'settings.manage',
    summary: 'Delete a custom field: hidden everywhere; stored values are kept but no longer shown',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: { ...audit, action: 'delete' },
    handler: async (ctx, { params }) => deleteCustomField(ctx, params.id),
  }),
];
