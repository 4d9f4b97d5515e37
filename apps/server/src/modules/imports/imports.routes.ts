import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { listCustomFields } from '../customfields/index.ts';
import { exportCustomers, exportQuery } from './imports.export.ts';
import { FIELD_LABELS, STANDARD_FIELDS } from './imports.fields.ts';
import { fieldCatalog, importJob, startBody, uploadResponse } from './imports.schemas.ts';
import { getImport, importReport, startImport, uploadImport } from './imports.service.ts';
import { csvTemplate, xlsxTemplate } from './imports.template.ts';

const tags = ['imports'];
const audit = (action: string) => ({ objectType: 'import', action });

export const importRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/imports/fields',
    permission: 'customers.import',
    summary: 'The customer fields an import column may map to (standard fields, 负责人, custom.<key>)',
    tags,
    response: fieldCatalog,
    handler: async (ctx) => {
      const custom = await listCustomFields(ctx.tx, ctx.actor.tenantId, 'customer');
      return {
        items: [
          ...STANDARD_FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f][ctx.locale], required: f === 'name' })),
          ...custom.map((f) => ({ value: `custom.${f.key}`, label: f.label, required: f.required })),
        ],
      };
    },
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/imports/templates/customers.xlsx',
    permission: 'customers.import',
    summary: 'Import template (XLSX): the standard headers, the custom fields and one example row',
    tags,
    response: z.any(),
    handler: (ctx) => xlsxTemplate(ctx),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/imports/templates/customers.csv',
    permission: 'customers.import',
    summary: 'Import template (CSV, UTF-8 with BOM)',
    tags,
    response: z.any(),
    handler: (ctx) => csvTemplate(ctx),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/imports/customers',
    permission: 'customers.import',
    summary:
      'Upload a customer file (multipart "file": .csv UTF-8/GBK or .xlsx) → headers, sample and suggested mapping',
    tags,
    multipart: true,
    response: uploadResponse,
    status: 201,
    audit: audit('upload'),
    handler: (ctx) => uploadImport(ctx),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/imports/:id/start',
    permission: 'customers.import',
    summary: 'Start an uploaded import with a column mapping and options (cleaning, duplicates, owner or pool)',
    tags,
    params: idParams,
    body: startBody,
    response: importJob,
    audit: audit('start'),
    handler: (ctx, { params, body }) => startImport(ctx, params.id, body),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/imports/:id',
    permission: 'customers.import',
    summary: 'An import: status and progress (processed / created / updated / skipped / failed)',
    tags,
    params: idParams,
    response: importJob,
    handler: (ctx, { params }) => getImport(ctx, params.id),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/imports/:id/report.xlsx',
    permission: 'customers.import',
    summary: 'The rejected and skipped rows of an import with their original columns and 错误原因',
    tags,
    params: idParams,
    response: z.any(),
    handler: (ctx, { params }) => importReport(ctx, params.id),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/customers/export',
    permission: 'customers.export',
    summary: 'Export the filtered customer list (the list filters, within the data scope) as CSV (UTF-8 BOM) or XLSX',
    tags: ['customers'],
    query: exportQuery,
    response: z.any(),
    handler: async (ctx, { query }) => {
      await exportCustomers(ctx, query);
      return translate(ctx.locale, 'imports.export_name');
    },
  }),
];
