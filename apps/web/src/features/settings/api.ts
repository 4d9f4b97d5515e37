import { api, uploadFile } from '../../ui/api.ts';
import type { Text } from '../../ui/i18n.tsx';

export interface Settings {
  companyName: string;
  logoUrl: string | null;
  fiscalYearStartMonth: number;
  currency: string;
}

export type DefaultAccess = 'private' | 'public_read' | 'public_read_write';

export interface SharingDefault {
  objectType: string;
  label: Text | string;
  defaultAccess: DefaultAccess;
}

export const SETTINGS_KEY = ['settings'] as const;

export const getSettings = () => api<Settings>('/api/v1/settings');
export const updateSettings = (body: Partial<Omit<Settings, 'logoUrl'>>) =>
  api<Settings>('/api/v1/settings', { method: 'PATCH', body });
export const uploadLogo = (file: Blob, onProgress: (p: number) => void) =>
  uploadFile<{ logoUrl: string }>('/api/v1/settings/logo', file, onProgress);
export const deleteLogo = () => api<null>('/api/v1/settings/logo', { method: 'DELETE' });

export const getSharingDefaults = () => api<{ items: SharingDefault[] }>('/api/v1/sharing/defaults');
export const putSharingDefault = (objectType: string, defaultAccess: DefaultAccess) =>
  api<SharingDefault>(`/api/v1/sharing/defaults/${encodeURIComponent(objectType)}`, {
    method: 'PUT',
    body: { defaultAccess },
  });
