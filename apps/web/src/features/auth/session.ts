import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, api } from '../../ui/api.ts';

export type DataScope = 'own' | 'subordinates' | 'department' | 'department_tree' | 'all';

export interface Tenant {
  id: string;
  name: string;
  logoUrl: string | null;
  fiscalYearStartMonth: number;
  currency: string;
}

export interface Me {
  user: {
    id: string;
    name: string;
    email: string | null;
    mobile: string | null;
    departmentId: string;
    positionTitle: string | null;
    supervisorId: string | null;
  };
  tenant: Tenant;
  department: { id: string; name: string };
  roles: { id: string; name: string; code: string | null }[];
  isAdmin: boolean;
  permissions: string[];
  scopes: Record<string, DataScope>;
  csrfToken: string | null;
}

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no session (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>('/api/v1/auth/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useSession() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    staleTime: 60_000,
    retry: (count, e) => !(e instanceof ApiError && e.status < 500) && count < 2,
  });
}

/** The signed-in user; only inside the authenticated layout, where the guard has already loaded it. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe outside an authenticated route');
  return data;
}

/** Grant checks for showing menus and buttons. The server enforces the same grants on every route. */
export function useCan() {
  const { data } = useSession();
  return useCallback(
    (...permissions: string[]) =>
      Boolean(data && (data.isAdmin || permissions.some((p) => data.permissions.includes(p)))),
    [data],
  );
}

export function useRefreshSession() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: ME_KEY }), [client]);
}
