import { useQuery } from '@tanstack/react-query';
import { api } from '../../ui/api.ts';
import type { DataScope } from '../auth/index.ts';

export interface Label {
  'zh-CN': string;
  en: string;
}

export interface PermissionModule {
  module: string;
  label: Label | string;
  actions: { action: string; label: Label | string }[];
  scoped: boolean;
}

export interface PermissionCatalogue {
  modules: PermissionModule[];
  scopes: (DataScope | { scope?: DataScope; value?: DataScope; label?: Label | string })[];
}

export interface Role {
  id: string;
  name: string;
  code: string | null;
  builtin: boolean;
  editable: boolean;
  description: string | null;
  permissions: string[];
  scopes: Record<string, DataScope>;
  memberCount: number;
}

export interface RoleInput {
  name: string;
  description?: string | null;
  permissions: string[];
  scopes: Record<string, DataScope>;
}

export const ROLES_KEY = ['roles'] as const;

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ROLES_KEY,
    queryFn: () => api<{ items: Role[] }>('/api/v1/roles').then((r) => r.items),
    enabled,
    staleTime: 30_000,
  });
}

export function usePermissionCatalogue() {
  return useQuery({
    queryKey: ['permissions'],
    queryFn: () => api<PermissionCatalogue>('/api/v1/permissions'),
    staleTime: 5 * 60_000,
  });
}

export const createRole = (body: RoleInput) => api<Role>('/api/v1/roles', { method: 'POST', body });
export const updateRole = (id: string, body: RoleInput) => api<Role>(`/api/v1/roles/${id}`, { method: 'PUT', body });
export const deleteRole = (id: string) => api<null>(`/api/v1/roles/${id}`, { method: 'DELETE' });
