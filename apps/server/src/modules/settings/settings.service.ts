import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors/errors.ts';
import type { RequestContext } from '../../platform/http/route.ts';
import { tenants } from '../tenants/tenants.table.ts';
import { currencies, type Settings } from './settings.schemas.ts';

/*
 * tenants is a global table (no row-level security): every statement here names the actor's own
 * tenant id explicitly, so one company can never read or change another's row.
 */

export const logoUrl = (logoFile: string | null) =>
  logoFile ? `/api/v1/settings/logo?v=${encodeURIComponent(logoFile.replace(/\.\w+$/, ''))}` : null;

export async function tenantRow(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw notFound();
  return row;
}

export async function readSettings(tx: Tx, tenantId: string): Promise<Settings> {
  const row = await tenantRow(tx, tenantId);
  return {
    companyName: row.name,
    logoUrl: logoUrl(row.logoFile),
    fiscalYearStartMonth: row.fiscalYearStartMonth,
    currency: (currencies as readonly string[]).includes(row.currency) ? (row.currency as 'CNY') : 'CNY',
  };
}

export async function updateSettings(
  ctx: RequestContext,
  patch: Partial<Pick<Settings, 'companyName' | 'fiscalYearStartMonth' | 'currency'>>,
): Promise<Settings> {
  const { tx, actor } = ctx;
  const before = await readSettings(tx, actor.tenantId);
  const set = {
    ...(patch.companyName !== undefined ? { name: patch.companyName } : {}),
    ...(patch.fiscalYearStartMonth !== undefined ? { fiscalYearStartMonth: patch.fiscalYearStartMonth } : {}),
    ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
  };
  if (Object.keys(set).length) {
    await tx
      .update(tenants)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(tenants.id, actor.tenantId));
  }
  const after = await readSettings(tx, actor.tenantId);
  ctx.audit.record({ action: 'update', objectType: 'settings', recordId: actor.tenantId, before, after });
  return after;
}
