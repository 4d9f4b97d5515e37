// The uploaded file is kept under DATA_DIR/files/<tenant>/ through the file store; its parsed rows go into the
// import row itself (import_jobs.sheet), so whichever process picks the job up (pg-boss) can read them.
import type { Config } from '../../platform/config/config.ts';
import { saveTenantFile } from '../../platform/files/file-store.ts';
import type { ParsedSheet, UploadFormat } from './imports.parse.ts';

export const originalKey = (id: string, format: UploadFormat) => `imp-${id}.${format}`;

export async function saveOriginal(
  config: Pick<Config, 'dataDir'>,
  tenantId: string,
  storageKey: string,
  data: Uint8Array,
): Promise<void> {
  await saveTenantFile(config, tenantId, storageKey, data);
}

export const encodeSheet = (sheet: ParsedSheet): string => JSON.stringify(sheet.rows);
export const decodeSheet = (headers: string[], text: string): ParsedSheet => ({ headers, rows: JSON.parse(text) });
