import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../ui/api.ts';

export const quoteStatuses = [
  'draft',
  'pending_approval',
  'approved',
  'sent',
  'accepted',
  'rejected',
  'expired',
] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

export const statusColor: Record<QuoteStatus, string> = {
  draft: 'default',
  pending_approval: 'processing',
  approved: 'cyan',
  sent: 'blue',
  accepted: 'success',
  rejected: 'error',
  expired: 'warning',
};

/** A quote as GET /api/v1/quotes lists it. */
export interface QuoteSummary {
  id: string;
  number: string;
  title: string | null;
  status: QuoteStatus;
  ownerId: string;
  ownerName: string | null;
  customerId: string;
  customerName: string | null;
  contactId: string | null;
  contactName: string | null;
  opportunityId: string | null;
  opportunityName: string | null;
  validUntil: string;
  currency: string;
  subtotal: string;
  extraDiscount: string;
  discountTotal: string;
  amountExclTax: string;
  taxTotal: string;
  total: string;
  needsApproval: boolean;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface QuoteLine {
  id: string;
  position: number;
  productId: string;
  productName: string;
  productCode: string;
  specification: string | null;
  unit: string;
  quantity: string;
  unitPrice: string;
  discountRate: string;
  taxRate: string;
  gross: string;
  discount: string;
  extraDiscount: string;
  net: string;
  tax: string;
  total: string;
}

export interface Quote extends QuoteSummary {
  notes: string | null;
  terms: string | null;
  totalInWords: string;
  contactEmail: string | null;
  lines: QuoteLine[];
  access: 'read' | 'write';
}

export interface LineInput {
  productId: string;
  unit: string;
  quantity: string;
  unitPrice?: string;
  discountRate: string;
  taxRate: string;
}

export interface QuoteInput {
  customerId?: string;
  contactId?: string | null;
  opportunityId?: string | null;
  title?: string | null;
  validUntil?: string;
  extraDiscount?: string;
  notes?: string | null;
  terms?: string | null;
  lines?: LineInput[];
}

export const quotesPath = '/api/v1/quotes';
export const quotePath = (id: string) => `${quotesPath}/${id}`;
export const QUOTES_KEY = ['quotes'] as const;

export interface QuoteFilter {
  q?: string;
  status?: QuoteStatus;
  opportunityId?: string;
  customerId?: string;
}

/** The data-scoped list, page by page (keyset cursor). */
export function useQuotes(filter: QuoteFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...QUOTES_KEY, 'list', filter],
    queryFn: ({ pageParam, signal }) =>
      api<Page<QuoteSummary>>(quotesPath, { query: { ...filter, limit: 50, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useQuote(id: string | null | undefined) {
  return useQuery({
    queryKey: [...QUOTES_KEY, 'one', id],
    queryFn: ({ signal }) => api<Quote>(quotePath(id!), { signal }),
    enabled: Boolean(id),
  });
}

export function useQuoteSettings() {
  return useQuery({
    queryKey: [...QUOTES_KEY, 'settings'],
    queryFn: () => api<{ discountThreshold: string; defaultTerms: string | null }>('/api/v1/quote-settings'),
    staleTime: 60_000,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: QUOTES_KEY });
}

export function useSaveQuote() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: QuoteInput }) =>
      id ? api<Quote>(quotePath(id), { method: 'PATCH', body }) : api<Quote>(quotesPath, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useSendQuote() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api<{ quote: Quote; to: string }>(`${quotePath(id)}/send`, { method: 'POST' }),
    onSuccess: invalidate,
  });
}

export function useSetQuoteStatus() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: QuoteStatus }) =>
      api<Quote>(`${quotePath(id)}/status`, { method: 'POST', body: { status } }),
    onSuccess: invalidate,
  });
}

export function useDeleteQuote() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api<null>(quotePath(id), { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
