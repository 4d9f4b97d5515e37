import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../ui/api.ts';

export type StageKind = 'open' | 'won' | 'lost';

export interface Stage {
  id: string;
  name: string;
  kind: StageKind;
  position: number;
  /** Win probability, whole percent. */
  probability: number;
}

export interface BusinessType {
  id: string;
  name: string;
  lossReasons: string[];
  stages: Stage[];
  opportunityCount: number;
}

export interface CompetitorRef {
  id: string;
  name: string;
  strengths: string | null;
  weaknesses: string | null;
}

export interface Opportunity {
  id: string;
  name: string;
  ownerId: string;
  ownerName: string | null;
  customerId: string;
  customerName: string | null;
  contactId: string | null;
  contactName: string | null;
  typeId: string;
  typeName: string;
  stageId: string;
  stageName: string;
  stageKind: StageKind;
  probability: number;
  /** Decimal string, two places. */
  amount: string;
  /** YYYY-MM-DD */
  expectedCloseDate: string;
  lossReason: string | null;
  notes: string | null;
  stageEnteredAt: string;
  competitors: CompetitorRef[];
  access: 'read' | 'write';
  createdAt: string;
  updatedAt: string;
}

export interface KanbanCard {
  id: string;
  name: string;
  customerId: string;
  customerName: string | null;
  ownerId: string;
  ownerName: string | null;
  amount: string;
  expectedCloseDate: string;
  stageEnteredAt: string;
}

export interface KanbanColumn {
  stage: Stage;
  count: number;
  amount: string;
  weightedAmount: string;
  items: KanbanCard[];
  nextCursor: string | null;
}

export interface Kanban {
  type: { id: string; name: string; lossReasons: string[] };
  columns: KanbanColumn[];
}

export interface StageHistory {
  items: {
    id: string;
    fromStageName: string | null;
    toStageId: string;
    toStageName: string;
    changedAt: string;
    changedByName: string | null;
    leftAt: string | null;
    durationMs: number;
  }[];
  byStage: { stageId: string; stageName: string; durationMs: number }[];
}

export interface Competitor {
  id: string;
  name: string;
  strengths: string | null;
  weaknesses: string | null;
  notes: string | null;
  opportunityCount: number;
}

export interface OpportunityInput {
  name?: string;
  customerId?: string;
  contactId?: string | null;
  typeId?: string;
  stageId?: string;
  amount?: string;
  expectedCloseDate?: string;
  competitorIds?: string[];
  lossReason?: string | null;
  notes?: string | null;
}

export interface BusinessTypeInput {
  name: string;
  stages: { id?: string; name: string; probability: number }[];
  finalStages?: { won?: string; lost?: string };
  lossReasons: string[];
}

export const opportunitiesPath = '/api/v1/opportunities';
const typesPath = '/api/v1/opportunity-types';
const competitorsPath = '/api/v1/competitors';
export const KEY = ['opportunities'] as const;

export function useBusinessTypes(enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'types'],
    queryFn: () => api<{ items: BusinessType[] }>(typesPath).then((r) => r.items),
    enabled,
  });
}

export function useKanban(typeId: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'kanban', typeId],
    queryFn: () => api<Kanban>(`${opportunitiesPath}/kanban`, { query: { typeId, limit: 20 } }),
    enabled: Boolean(typeId),
  });
}

export const loadMoreCards = (typeId: string, stageId: string, cursor: string) =>
  api<Page<KanbanCard>>(`${opportunitiesPath}/kanban/stage`, { query: { typeId, stageId, cursor, limit: 20 } });

export function useOpportunity(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: () => api<Opportunity>(`${opportunitiesPath}/${id}`),
    enabled: Boolean(id),
  });
}

export function useStageHistory(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'stage-history', id],
    queryFn: () => api<StageHistory>(`${opportunitiesPath}/${id}/stage-history`),
    enabled: Boolean(id),
  });
}

export function useSaveOpportunity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: OpportunityInput }) =>
      id
        ? api<Opportunity>(`${opportunitiesPath}/${id}`, { method: 'PATCH', body })
        : api<Opportunity>(opportunitiesPath, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useMoveStage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, stageId, lossReason }: { id: string; stageId: string; lossReason?: string }) =>
      api<Opportunity>(`${opportunitiesPath}/${id}/stage`, { method: 'POST', body: { stageId, lossReason } }),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteOpportunity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`${opportunitiesPath}/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSaveBusinessType() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: BusinessTypeInput }) =>
      id
        ? api<BusinessType>(`${typesPath}/${id}`, { method: 'PATCH', body })
        : api<BusinessType>(typesPath, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteBusinessType() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`${typesPath}/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useCompetitors(enabled = true) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'competitors'],
    queryFn: ({ pageParam }) =>
      api<Page<Competitor>>(competitorsPath, { query: { limit: 200, cursor: pageParam ?? undefined } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useSaveCompetitor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: Partial<Omit<Competitor, 'id' | 'opportunityCount'>> }) =>
      id
        ? api<Competitor>(`${competitorsPath}/${id}`, { method: 'PATCH', body })
        : api<Competitor>(competitorsPath, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useDeleteCompetitor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`${competitorsPath}/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** "1234567.5" → "1,234,567.50" without going through a float. */
export function formatMoney(value: string): string {
  const [int = '0', frac = ''] = value.split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  return `${neg ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0').slice(0, 2)}`;
}

/** Milliseconds → "3 天 4 小时" / "3 d 4 h" (largest two units). */
export function formatDuration(ms: number, lang: 'zh-CN' | 'en'): string {
  const units: [number, string, string][] = [
    [86_400_000, ' 天', ' d'],
    [3_600_000, ' 小时', ' h'],
    [60_000, ' 分钟', ' min'],
  ];
  const parts: string[] = [];
  let rest = ms;
  for (const [size, zh, en] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) {
      parts.push(`${n}${lang === 'en' ? en : zh}`);
      rest -= n * size;
    }
  }
  return parts.length ? parts.join(' ') : lang === 'en' ? '< 1 min' : '不到 1 分钟';
}
