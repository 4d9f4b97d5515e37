import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../ui/api.ts';

export const LEAD_STATUSES = ['new', 'following', 'converted', 'invalid'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_SOURCES = ['展会', '网络推广', '老客户介绍', '电话营销', '合作伙伴', '其他'];

/** A lead as GET /api/v1/leads returns it. */
export interface Lead {
  id: string;
  source: string | null;
  companyName: string;
  contactName: string | null;
  title: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  address: string | null;
  status: LeadStatus;
  invalidReason: string | null;
  notes: string | null;
  nextContactAt: string | null;
  /** Null: in the lead pool. */
  ownerId: string | null;
  ownerName: string | null;
  returnReason: string | null;
  returnedAt: string | null;
  convertedCustomerId: string | null;
  convertedContactId: string | null;
  convertedOpportunityId: string | null;
  convertedAt: string | null;
  convertedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type LeadInput = Partial<
  Omit<
    Lead,
    'id' | 'ownerName' | 'returnReason' | 'returnedAt' | 'createdAt' | 'updatedAt' | `converted${string}` | 'status'
  >
> & { status?: 'new' | 'following' | 'invalid'; force?: boolean };

export interface LeadFilter {
  q?: string;
  status?: LeadStatus;
  source?: string;
  ownerId?: string;
  createdFrom?: string;
  createdTo?: string;
}

export interface LeadDuplicates {
  leads: {
    id: string | null;
    companyName: string;
    ownerName: string | null;
    status: LeadStatus;
    matchedOn: string[];
    visible: boolean;
  }[];
  customers: { id: string | null; name: string; ownerName: string | null; matchedOn: string[]; visible: boolean }[];
}

export interface ConvertInput {
  customer: { mode: 'new'; name?: string; force?: boolean } | { mode: 'existing'; customerId: string };
  contact: { mode: 'new' } | { mode: 'existing'; contactId: string } | { mode: 'none' };
  steps?: Record<string, Record<string, unknown>>;
}

export const leadsPath = '/api/v1/leads';
export const LEADS_KEY = ['leads'] as const;

export function useLeadList(filter: LeadFilter, pool: boolean) {
  return useInfiniteQuery({
    queryKey: [...LEADS_KEY, 'list', pool, filter],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Lead>>(pool ? `${leadsPath}/pool` : leadsPath, {
        query: { ...filter, limit: 50, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export const useLead = (id: string) =>
  useQuery({ queryKey: [...LEADS_KEY, 'one', id], queryFn: () => api<Lead>(`${leadsPath}/${id}`), retry: false });

export const usePoolSettings = () =>
  useQuery({
    queryKey: [...LEADS_KEY, 'pool-settings'],
    queryFn: () => api<{ claimDailyLimit: number | null; maxOwned: number | null }>(`${leadsPath}/pool/settings`),
  });

export const useConversionSteps = () =>
  useQuery({
    queryKey: [...LEADS_KEY, 'conversion-steps'],
    queryFn: () => api<{ items: string[] }>(`${leadsPath}/conversion-steps`),
    staleTime: 60_000,
  });

export const duplicateCheck = (query: Record<string, string | undefined>) =>
  api<LeadDuplicates>(`${leadsPath}/duplicate-check`, { query });
export const createLead = (body: LeadInput) => api<Lead>(leadsPath, { method: 'POST', body });
export const updateLead = (id: string, body: LeadInput) => api<Lead>(`${leadsPath}/${id}`, { method: 'PATCH', body });
export const deleteLead = (id: string) => api<null>(`${leadsPath}/${id}`, { method: 'DELETE' });
export const claimLead = (id: string) => api<Lead>(`${leadsPath}/${id}/claim`, { method: 'POST' });
export const returnLead = (id: string, reason: string) =>
  api<Lead>(`${leadsPath}/${id}/return`, { method: 'POST', body: { reason } });
export const assignLeads = (ids: string[], toUserId: string) =>
  api<{ assigned: number }>(`${leadsPath}/assign`, { method: 'POST', body: { ids, toUserId } });
export const savePoolSettings = (body: { claimDailyLimit: number | null; maxOwned: number | null }) =>
  api<typeof body>(`${leadsPath}/pool/settings`, { method: 'PUT', body });
export const convertLead = (id: string, body: ConvertInput) =>
  api<{ lead: Lead; customerId: string; contactId: string | null; opportunityId: string | null }>(
    `${leadsPath}/${id}/convert`,
    { method: 'POST', body },
  );

/** Invalidate every lead query (lists, pool, details) after a change. */
export function useInvalidateLeads() {
  const client = useQueryClient();
  return () => {
    client.invalidateQueries({ queryKey: LEADS_KEY });
    client.invalidateQueries({ queryKey: ['history'] });
  };
}
