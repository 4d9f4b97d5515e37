import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { bumpOrgVersion } from '../../platform/access/org-snapshot.ts';
import { sharedObject, sharedObjects } from '../../platform/access/sharing.ts';
import { notFound } from '../../platform/errors/errors.ts';
import { defineRoute } from '../../platform/http/route.ts';
import { defaultAccesses, sharingDefaults } from './sharing.table.ts';

const tags = ['sharing'];
const item = z.object({
  objectType: z.string(),
  label: z.object({ 'zh-CN': z.string(), en: z.string() }),
  defaultAccess: z.enum(defaultAccesses),
});

export const sharingRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/sharing/defaults',
    permission: 'authenticated',
    summary: 'Default sharing (共享模式) per record type: private, public read, public read-write',
    tags,
    response: z.object({ items: z.array(item) }),
    handler: async ({ tx, actor }) => {
      const rows = await tx.select().from(sharingDefaults).where(eq(sharingDefaults.tenantId, actor.tenantId));
      return {
        items: sharedObjects().map((o) => ({
          objectType: o.objectType,
          label: o.label,
          defaultAccess: rows.find((r) => r.objectType === o.objectType)?.defaultAccess ?? 'private',
        })),
      };
    },
  }),

  defineRoute({
    method: 'PUT',
    url: '/api/v1/sharing/defaults/:objectType',
    permission: 'settings.manage',
    summary: 'Set the default sharing of one record type',
    tags,
    params: z.object({ objectType: z.string().max(50) }),
    body: z.strictObject({ defaultAccess: z.enum(defaultAccesses) }),
    response: item,
    audit: { objectType: 'sharing_default', action: 'update' },
    handler: async ({ tx, actor, audit }, { params, body }) => {
      const def = sharedObject(params.objectType);
      if (!def) throw notFound();
      const key = and(eq(sharingDefaults.tenantId, actor.tenantId), eq(sharingDefaults.objectType, def.objectType));
      const [before] = await tx.select().from(sharingDefaults).where(key);
      await tx
        .insert(sharingDefaults)
        .values({ tenantId: actor.tenantId, objectType: def.objectType, defaultAccess: body.defaultAccess })
        .onConflictDoUpdate({
          target: [sharingDefaults.tenantId, sharingDefaults.objectType],
          set: { defaultAccess: body.defaultAccess },
        });
      await bumpOrgVersion(tx, actor.tenantId); // sharing defaults are cached under the access version
      audit.record({
        action: 'update',
        objectType: 'sharing_default',
        // Keyed by the object type, so the one changed field names what changed.
        before: { [def.objectType]: before?.defaultAccess ?? 'private' },
        after: { [def.objectType]: body.defaultAccess },
      });
      return { objectType: def.objectType, label: def.label, defaultAccess: body.defaultAccess };
    },
  }),
];
