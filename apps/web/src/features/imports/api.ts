import { api, uploadFile } from '../../ui/api.ts';

export interface UploadResult {
  id: string;
  fileName: string;
  headers: string[];
  sampleRows: string[][];
  suggestedMapping: Record<string, string | null>;
  rowCount: number;
}

export interface ImportJob {
  id: string;
  fileName: string;
  status: 'uploaded' | 'queued' | 'running' | 'done' | 'failed';
  rowCount: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error: string | null;
}

export interface ImportOptions {
  cleaning: { trim: boolean; fullWidth: boolean; phones: boolean; emails: boolean };
  duplicateMode: 'skip' | 'update' | 'create';
  duplicateKeys: ('name' | 'phone' | 'email' | 'creditCode')[];
  ownerId?: string;
  poolId?: string;
}

export const uploadImport = (file: File, onProgress?: (p: number) => void) =>
  uploadFile<UploadResult>('/api/v1/imports/customers', file, onProgress);
export const importFields = () =>
  api<{ items: { value: string; label: string; required: boolean }[] }>('/api/v1/imports/fields');
export const startImport = (id: string, mapping: Record<string, string | null>, options: ImportOptions) =>
  api<ImportJob>(`/api/v1/imports/${id}/start`, { method: 'POST', body: { mapping, options } });
export const getImport = (id: string) => api<ImportJob>(`/api/v1/imports/${id}`);
export const listPools = () => api<{ items: { id: string; name: string }[] }>('/api/v1/pools');

export const reportUrl = (id: string) => `/api/v1/imports/${id}/report.xlsx`;
export const templateUrl = (ext: 'xlsx' | 'csv') => `/api/v1/imports/templates/customers.${ext}`;
