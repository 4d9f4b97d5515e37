import { api, type Page } from '../../ui/api.ts';

export type EmployeeStatus = 'active' | 'disabled';

export interface Employee {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  departmentId: string;
  departmentName: string | null;
  supervisorId: string | null;
  supervisorName: string | null;
  positionTitle: string | null;
  status: EmployeeStatus;
  roles: { id: string; name: string; code: string | null }[];
  createdAt: string;
}

export interface EmployeeFilter {
  q?: string;
  departmentId?: string;
  status?: EmployeeStatus;
}

export interface EmployeeInput {
  name?: string;
  email?: string | null;
  mobile?: string | null;
  password?: string;
  departmentId?: string;
  supervisorId?: string | null;
  positionTitle?: string | null;
  roleIds?: string[];
}

export interface HandoverItem {
  type: string;
  label: string | { 'zh-CN': string; en: string };
  count: number;
}

const BASE = '/api/v1/employees';

export const listEmployees = (filter: EmployeeFilter & { limit?: number; cursor?: string | null }) =>
  api<Page<Employee>>(BASE, { query: { ...filter, cursor: filter.cursor ?? undefined } });
export const getEmployee = (id: string) => api<Employee>(`${BASE}/${id}`);
export const createEmployee = (body: EmployeeInput) => api<Employee>(BASE, { method: 'POST', body });
export const updateEmployee = (id: string, body: EmployeeInput) =>
  api<Employee>(`${BASE}/${id}`, { method: 'PATCH', body });
export const disableEmployee = (id: string, handoverToId: string) =>
  api<Employee>(`${BASE}/${id}/disable`, { method: 'POST', body: { handoverToId } });
export const enableEmployee = (id: string) => api<Employee>(`${BASE}/${id}/enable`, { method: 'POST' });
export const resetPassword = (id: string, newPassword: string) =>
  api<null>(`${BASE}/${id}/reset-password`, { method: 'POST', body: { newPassword } });
export const handoverPreview = (id: string) => api<{ items: HandoverItem[] }>(`${BASE}/${id}/handover-preview`);

export const employeePath = (id: string) => `${BASE}/${id}`;
