import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import { deleteLogo, sendLogo, uploadLogo } from './settings.logo.ts';
import { logoResponse, settingsPatch, settingsResponse } from './settings.schemas.ts';
import { readSettings, updateSettings } from './settings.service.ts';

const tags = ['settings'];
const audit = { objectType: 'settings', action: 'update' };

export const settingsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/settings',
    permission: 'authenticated',
    summary: 'Company settings: name, logo, fiscal-year start month, currency',
    tags,
    response: settingsResponse,
    handler: async ({ tx, actor }) => readSettings(tx, actor.tenantId),
  }),

  defineRoute({
    method: 'PATCH',
    url: '/api/v1/settings',
    permission: 'settings.manage',
    summary: 'Change company name, fiscal-year start month or currency',
    tags,
    body: settingsPatch,
    response: settingsResponse,
    audit,
    handler: async (ctx, { body }) => updateSettings(ctx, body),
  }),

  defineRoute({
    method: 'POST',
    url: '/api/v1/settings/logo',
    permission: 'settings.manage',
    summary: 'Upload the company logo (multipart field "file": PNG, JPEG or WebP, at most 2 MB)',
    tags,
    multipart: true,
    response: logoResponse,
    audit: { ...audit, action: 'logo_upload' },
    handler: async (ctx) => uploadLogo(ctx),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/v1/settings/logo',
    permission: 'authenticated',
    summary: 'The company logo image (only for the company’s own users)',
    tags,
    query: z.object({ v: z.string().max(100).optional() }),
    response: z.any(),
    handler: async (ctx) => sendLogo(ctx),
  }),

  defineRoute({
    method: 'DELETE',
    url: '/api/v1/settings/logo',
    permission: 'settings.manage',
    summary: 'Remove the company logo',
    tags,
    response: logoResponse,
    audit: { ...audit, action: 'logo_delete' },
    handler: async (ctx) => deleteLogo(ctx),
  }),
];
