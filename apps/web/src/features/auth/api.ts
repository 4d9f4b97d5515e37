import { api } from '../../ui/api.ts';
import type { Tenant } from './session.ts';

export interface SessionResponse {
  token: string;
  user: { id: string; name: string };
  tenant: Tenant;
}

export const login = (body: { login: string; password: string }) =>
  api<SessionResponse>('/api/v1/auth/login', { method: 'POST', body });

export const register = (body: {
  companyName: string;
  adminName: string;
  email: string;
  mobile?: string | null;
  password: string;
}) => api<SessionResponse>('/api/v1/auth/register', { method: 'POST', body });

export const logout = () => api<null>('/api/v1/auth/logout', { method: 'POST' });

export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  api<null>('/api/v1/auth/password', { method: 'POST', body });
