import { useQuery } from '@tanstack/react-query';
import { api } from '../../ui/api.ts';

export type DepartmentKind = 'company' | 'department' | 'subsidiary' | 'branch';

export interface Department {
  id: string;
  parentId: string | null;
  name: string;
  kind: DepartmentKind;
  independentAccounting: boolean;
  headUserId: string | null;
  headName: string | null;
  sortOrder: number;
  memberCount: number;
}

export interface DepartmentInput {
  parentId?: string | null;
  name?: string;
  kind?: DepartmentKind;
  independentAccounting?: boolean;
  headUserId?: string | null;
  sortOrder?: number;
}

export const DEPARTMENTS_KEY = ['departments'] as const;

export function useDepartments() {
  return useQuery({
    queryKey: DEPARTMENTS_KEY,
    queryFn: () => api<{ items: Department[] }>('/api/v1/departments').then((r) => r.items),
    staleTime: 30_000,
  });
}

export const createDepartment = (body: DepartmentInput) =>
  api<Department>('/api/v1/departments', { method: 'POST', body });
export const updateDepartment = (id: string, body: DepartmentInput) =>
  api<Department>(`/api/v1/departments/${id}`, { method: 'PATCH', body });
export const deleteDepartment = (id: string) => api<null>(`/api/v1/departments/${id}`, { method: 'DELETE' });
