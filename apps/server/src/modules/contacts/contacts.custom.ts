// Custom field values of contacts (P8), through the custom fields module.
import type { Tx } from '../../platform/db/database.ts';
import { type CustomValues, mergeCustomValues, validateCustomValues } from '../customfields/index.ts';

/** A new contact's custom values, normalised; 400 naming 'custom.<key>' when one is invalid or required and missing. */
export const customForCreate = (tx: Tx, tenantId: string, values: CustomValues): Promise<CustomValues> =>
  validateCustomValues(tx, tenantId, 'contact', values, { partial: false });

/** The stored values after a partial update (null clears a key). */
export async function customForUpdate(
  tx: Tx,
  tenantId: string,
  existing: CustomValues,
  patch: CustomValues,
): Promise<CustomValues> {
  return mergeCustomValues(existing, await validateCustomValues(tx, tenantId, 'contact', patch, { partial: true }));
}
