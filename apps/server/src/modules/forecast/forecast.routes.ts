import { defineRoute } from '../../platform/http/route.ts';
import {
  forecastQuery,
  forecastResponse,
  optionsResponse,
  putDepartmentQuotasBody,
  putQuotasResponse,
  putUserQuotasBody,
  quotasQuery,
  quotasResponse,
  trendResponse,
} from './forecast.schemas.ts';
import * as service from './forecast.service.ts';

const base = '/api/v1/forecast';
const tags = ['forecast'];
const audit = { objectType: service.QUOTA_OBJECT, action: 'set_quota' };

/** The route table: permission, schemas, one-line handler. Authentication, grants, tenancy and audit are the platform's. */
export const forecastRoutes = [
  defineRoute({
    method: 'GET',
    url: base,
    permission: 'forecast.view',
    summary:
      'Sales forecast (销售预测) of a fiscal quarter (quarter=2026Q1, default the current one) for scope=me, department:<id> or company: quota, closed, expected, best case, % attained, per person',
    tags,
    query: forecastQuery,
    response: forecastResponse,
    handler: (ctx, { query }) => service.forecast(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/trend`,
    permission: 'forecast.view',
    summary: 'The forecast figures of the four fiscal quarters up to the given one (oldest first), for a chart',
    tags,
    query: forecastQuery,
    response: trendResponse,
    handler: (ctx, { query }) => service.trend(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/options`,
    permission: 'forecast.view',
    summary: 'The current fiscal quarter and the scopes (departments, company) the actor may see',
    tags,
    response: optionsResponse,
    handler: (ctx) => service.options(ctx),
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/quotas`,
    permission: 'forecast.view',
    summary:
      'Quotas (定额) of a quarter for a department (default: the actor’s): its own, its sub-departments’, its people’s',
    tags,
    query: quotasQuery,
    response: quotasResponse,
    handler: (ctx, { query }) => service.quotas(ctx, query),
  }),
  defineRoute({
    method: 'PUT',
    url: `${base}/quotas`,
    permission: 'forecast.set_quotas',
    summary: 'Set or clear (amount null) the quotas of people within the actor’s data scope for a quarter',
    tags,
    body: putUserQuotasBody,
    response: putQuotasResponse,
    audit,
    handler: (ctx, { body }) => service.setUserQuotas(ctx, body),
  }),
  defineRoute({
    method: 'PUT',
    url: `${base}/department-quotas`,
    permission: 'forecast.set_department_quotas',
    summary: 'Set or clear (amount null) departments’ own quotas for a quarter (overrides what their people add up to)',
    tags,
    body: putDepartmentQuotasBody,
    response: putQuotasResponse,
    audit,
    handler: (ctx, { body }) => service.setDepartmentQuotas(ctx, body),
  }),
];
