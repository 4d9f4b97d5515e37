import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../ui/api.ts';

export type ApprovalStatus = 'draft' | 'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn';
export type ApprovalActionType = 'submit' | 'approve' | 'reject' | 'return' | 'withdraw' | 'comment';
export type DocumentType = 'quote_discount' | 'contract' | 'collection' | 'expense' | 'purchase' | 'outbound';
export interface Label {
  'zh-CN': string;
  en: string;
}
export interface PersonRef {
  id: string;
  name: string;
}

export interface ApprovalListItem {
  id: string;
  documentType: DocumentType;
  documentLabel: Label;
  documentId: string;
  title: string;
  status: ApprovalStatus;
  submitter: PersonRef;
  currentStepName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApprovalInstance extends Omit<ApprovalListItem, 'currentStepName'> {
  fields: Record<string, unknown>;
  round: number;
  flowVersion: number;
  branchName: string | null;
  currentStep: number;
  steps: {
    name: string;
    mode: 'any' | 'all';
    approvers: PersonRef[];
    decisions: { userId: string; decision: 'approved' | 'rejected' | 'returned'; at: string }[];
    state: 'done' | 'current' | 'stopped' | 'waiting';
  }[];
  awaiting: PersonRef[];
  actions: ApprovalActionType[];
  events: {
    id: string;
    type: string;
    actor: PersonRef | null;
    comment: string | null;
    at: string;
    data: Record<string, unknown>;
  }[];
}

export interface DocumentApproval {
  documentType: DocumentType;
  documentId: string;
  title: string;
  flowEnabled: boolean;
  canSubmit: boolean;
  instance: ApprovalInstance | null;
}

// Flow definitions: the server's approvals.flow.ts schema, as the settings page edits it.
export type DecimalCondition =
  | { type: 'decimal'; field: string; op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'; value: string }
  | { type: 'decimal'; field: string; op: 'between'; min: string; max: string };
export type Condition =
  | DecimalCondition
  | { type: string; field?: string; op?: string; [k: string]: unknown }
  | { type: 'all' | 'any'; conditions: Condition[] };
export type ApproverRule =
  | { kind: 'supervisor'; level: number }
  | { kind: 'department_head'; level: number }
  | { kind: 'role'; roleId: string }
  | { kind: 'users'; userIds: string[] };
export interface FlowStep {
  name: string;
  approvers: ApproverRule;
  mode: 'any' | 'all';
  onEmpty?: 'administrators' | 'user' | 'skip';
  fallbackUserId?: string | null;
  skipSubmitter?: boolean;
  dedupe?: boolean;
}
export interface FlowBranch {
  name: string;
  when: Condition | null;
  steps: FlowStep[];
}
export interface FlowDefinition {
  documentType: DocumentType;
  name: string;
  branches: FlowBranch[];
}
export interface Flow {
  id: string;
  definition: FlowDefinition;
  enabled: boolean;
  version: number;
  updatedAt: string;
}
export interface FlowListItem {
  documentType: DocumentType;
  label: Label;
  registered: boolean;
  flow: Flow | null;
}

const BASE = '/api/v1/approvals';
export const KEY = ['approvals'] as const;
export type ListKind = 'inbox' | 'mine' | 'done';

export function useApprovalList(kind: ListKind, status?: ApprovalStatus) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list', kind, status ?? null],
    queryFn: ({ pageParam }) =>
      api<Page<ApprovalListItem>>(`${BASE}/${kind}`, { query: { limit: 20, cursor: pageParam, status } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useApprovalCounts() {
  return useQuery({
    queryKey: [...KEY, 'counts'],
    queryFn: () => api<{ toApprove: number; submittedPending: number }>(`${BASE}/counts`),
    staleTime: 15_000,
  });
}

export function useApproval(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: () => api<ApprovalInstance>(`${BASE}/${id}`),
    enabled: Boolean(id),
  });
}

export function useDocumentApproval(type: DocumentType, id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'document', type, id],
    queryFn: () => api<DocumentApproval>(`${BASE}/documents/${type}/${id}`),
    enabled: Boolean(id),
  });
}

export function useApprovalAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      action,
      comment,
    }: {
      id: string;
      action: Exclude<ApprovalActionType, 'submit'>;
      comment?: string;
    }) => api<ApprovalInstance>(`${BASE}/${id}/${action}`, { method: 'POST', body: comment ? { comment } : {} }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: KEY });
      client.invalidateQueries({ queryKey: ['reminders'] });
    },
  });
}

export function useSubmitDocument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ type, id, comment }: { type: DocumentType; id: string; comment?: string }) =>
      api<ApprovalInstance>(`${BASE}/documents/${type}/${id}/submit`, {
        method: 'POST',
        body: comment ? { comment } : {},
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useFlows(enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'flows'],
    queryFn: () => api<{ items: FlowListItem[] }>(`${BASE}/flows`).then((r) => r.items),
    enabled,
  });
}

export function useSaveFlow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ type, enabled, definition }: { type: DocumentType; enabled: boolean; definition: FlowDefinition }) =>
      api<Flow>(`${BASE}/flows/${type}`, { method: 'PUT', body: { enabled, definition } }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...KEY, 'flows'] }),
  });
}

export function useDeleteFlow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (type: DocumentType) => api<null>(`${BASE}/flows/${type}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...KEY, 'flows'] }),
  });
}
