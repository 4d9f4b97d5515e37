import { z } from 'zod';
import { sharingRoutes } from '../../platform/access/sharing-routes.ts';
import { historyRoute } from '../../platform/audit/history-route.ts';
import { defineRoute, type RequestContext } from '../../platform/http/route.ts';
import { emptyResponse, idParams, page } from '../../platform/http/schemas.ts';
import { quoteObject } from './quotes.object.ts';
import { renderQuotePdf } from './quotes.pdf.ts';
import { OBJECT_TYPE } from './quotes.policy.ts';
import { loadPrintData, renderQuoteHtml } from './quotes.print.ts';
import {
  createQuoteBody,
  quoteItem,
  quoteListItem,
  quoteListQuery,
  quoteSettingsBody,
  quoteSettingsItem,
  sendResponse,
  statusBody,
  updateQuoteBody,
} from './quotes.schemas.ts';
import { sendQuote } from './quotes.send.ts';
import * as service from './quotes.service.ts';

const base = '/api/v1/quotes';
const tags = ['quotes'];
const audit = (action: string) => ({ objectType: OBJECT_TYPE, action });

/**
 * The print view may be shown in the web app's own iframe (the app's CSP otherwise forbids framing). The page has
 * no scripts and loads nothing: inline CSS, the logo as a data URL.
 */
function htmlReply(ctx: RequestContext, html: string) {
  ctx.reply
    .type('text/html; charset=utf-8')
    .header('x-frame-options', 'SAMEORIGIN')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
    )
    .header('cache-control', 'private, no-store');
  return Buffer.from(html, 'utf8');
}

function pdfReply(ctx: RequestContext, number: string, pdf: Buffer, download: boolean) {
  const name = `报价单-${number}.pdf`;
  ctx.reply
    .type('application/pdf')
    .header(
      'content-disposition',
      `${download ? 'attachment' : 'inline'}; filename="${number}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .header('cache-control', 'private, no-store');
  return pdf;
}

async function printData(ctx: RequestContext, id: string) {
  const quote = await service.get(ctx, id);
  return loadPrintData(ctx.tx, ctx.services.config, ctx.actor.tenantId, quote);
}

const pdfQuery = z.object({ download: z.enum(['0', '1']).optional() });

/** The route table: permission, schemas, one-line handler. Authentication, grants, tenancy and audit are the platform's. */
export const quotesRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/quote-settings',
    permission: 'quotes.view',
    summary: 'Quote settings: the discount threshold past which a quote needs approval, default terms',
    tags,
    response: quoteSettingsItem,
    handler: (ctx) => service.readQuoteSettings(ctx.tx, ctx.actor.tenantId),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/quote-settings',
    permission: 'settings.manage',
    summary: 'Change the discount threshold (0–100 %) or the default terms',
    tags,
    body: quoteSettingsBody,
    response: quoteSettingsItem,
    audit: { objectType: 'quote_settings', action: 'update' },
    handler: (ctx, { body }) => service.updateQuoteSettings(ctx, body),
  }),
  defineRoute({
    method: 'GET',
    url: base,
    permission: 'quotes.view',
    summary: 'List quotes the caller may see (data scope and sharing, keyset-paginated)',
    tags,
    query: quoteListQuery,
    response: page(quoteListItem),
    handler: (ctx, { query }) => service.list(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/:id`,
    permission: 'quotes.view',
    summary: 'One quote with its lines and totals',
    tags,
    params: idParams,
    response: quoteItem,
    handler: (ctx, { params }) => service.get(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: base,
    permission: 'quotes.create',
    summary: 'Create a draft quote owned by the caller; the server computes every amount',
    tags,
    body: createQuoteBody,
    response: quoteItem,
    status: 201,
    audit: audit('create'),
    handler: (ctx, { body }) => service.create(ctx, body),
  }),
  defineRoute({
    method: 'PATCH',
    url: `${base}/:id`,
    permission: 'quotes.edit',
    summary: 'Change a draft quote; lines, when given, replace all lines (409 once it is not a draft)',
    tags,
    params: idParams,
    body: updateQuoteBody,
    response: quoteItem,
    audit: audit('update'),
    handler: (ctx, { params, body }) => service.update(ctx, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: `${base}/:id/status`,
    permission: 'quotes.edit',
    summary: 'Record the outcome of a sent quote (accepted, rejected, expired) or reopen one as a draft',
    tags,
    params: idParams,
    body: statusBody,
    response: quoteItem,
    audit: audit('status'),
    handler: (ctx, { params, body }) => service.setStatus(ctx, params.id, body.status),
  }),
  defineRoute({
    method: 'POST',
    url: `${base}/:id/send`,
    permission: 'quotes.edit',
    summary: 'E-mail the quote to its contact (outbox) with its summary and a link to the print view; mark it sent',
    tags,
    params: idParams,
    response: sendResponse,
    audit: audit('send'),
    handler: (ctx, { params }) => sendQuote(ctx, params.id),
  }),
  defineRoute({
    method: 'DELETE',
    url: `${base}/:id`,
    permission: 'quotes.delete',
    summary: 'Delete a draft quote',
    tags,
    params: idParams,
    response: emptyResponse,
    audit: audit('delete'),
    handler: (ctx, { params }) => service.remove(ctx, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/:id/print`,
    permission: 'quotes.view',
    summary: 'The print view (HTML, zh-CN, A4)',
    tags,
    params: idParams,
    response: z.any(),
    handler: async (ctx, { params }) => htmlReply(ctx, renderQuoteHtml(await printData(ctx, params.id))),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/:id/pdf`,
    permission: 'quotes.view',
    summary: 'The quote as a PDF (503 when the server has no Chinese font)',
    tags,
    params: idParams,
    query: pdfQuery,
    response: z.any(),
    handler: async (ctx, { params, query }) => {
      const data = await printData(ctx, params.id);
      return pdfReply(ctx, data.quote.number, await renderQuotePdf(data), query.download === '1');
    },
  }),
  ...sharingRoutes({ base, object: quoteObject, tags }),
  historyRoute({
    url: `${base}/:id/history`,
    objectType: OBJECT_TYPE,
    permission: 'quotes.view',
    tags,
    isVisible: service.isVisible,
  }),
];
