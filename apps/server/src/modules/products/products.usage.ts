import type { Label } from '../../platform/access/permissions.ts';
import type { Tx } from '../../platform/db/database.ts';

/**
 * Who refers to a product. A referenced product cannot be deleted (it is taken off sale, 下架, instead), so quote,
 * order and stock lines never lose their product. Nothing refers to products yet; the modules that will
 * (quotes, orders, stock) register a counter here from their index.ts, and deleting checks them all.
 */
export interface ProductUsage {
  /** Stable key, e.g. "quote_lines". */
  type: string;
  label: Label;
  count(tx: Tx, tenantId: string, productId: string): Promise<number>;
}

const usages: ProductUsage[] = [];

export function registerProductUsage(usage: ProductUsage): void {
  const at = usages.findIndex((u) => u.type === usage.type);
  if (at >= 0) usages[at] = usage;
  else usages.push(usage);
}

/** The registered uses of one product that are not zero. */
export async function productUses(
  tx: Tx,
  tenantId: string,
  productId: string,
): Promise<Array<{ type: string; label: Label; count: number }>> {
  const out: Array<{ type: string; label: Label; count: number }> = [];
  for (const u of usages) {
    const count = await u.count(tx, tenantId, productId);
    if (count > 0) out.push({ type: u.type, label: u.label, count });
  }
  return out;
}
