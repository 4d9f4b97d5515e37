import { useQuery } from '@tanstack/react-query';
import { api, isApiError, type Page, type Query } from '../../ui/api.ts';

export type CustomerKind = 'enterprise' | 'individual';
export type DealStatus = 'none' | 'in_progress' | 'won' | 'lost';
export type CustomerView = 'mine' | 'subordinates' | 'shared' | 'all';
export type CustomerSort = 'updatedAt' | 'createdAt' | 'lastFollowUpAt' | 'nextContactAt' | 'name';

export interface Customer {
  id: string;
  kind: CustomerKind;
  name: string;
  shortName: string | null;
  creditCode: string | null;
  industry: string | null;
  level: string | null;
  source: string | null;
  status: string | null;
  tags: string[];
  phone: string | null;
  email: string | null;
  website: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  street: string | null;
  latitude: string | null;
  longitude: string | null;
  ownerId: string | null;
  ownerName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  poolId: string | null;
  parentId: string | null;
  parentName: string | null;
  isKey: boolean;
  dealStatus: DealStatus;
  lastDealAt: string | null;
  nextContactAt: string | null;
  lastFollowUpAt: string | null;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  access: 'read' | 'write';
}

export type CustomerInput = Partial<
  Omit<
    Customer,
    | 'id'
    | 'ownerName'
    | 'departmentName'
    | 'parentName'
    | 'createdAt'
    | 'updatedAt'
    | 'access'
    | 'lastFollowUpAt'
    | 'lastDealAt'
    | 'poolId'
  >
> & { force?: boolean };

export interface CustomerFilter {
  q?: string;
  kind?: CustomerKind;
  level?: string;
  source?: string;
  status?: string;
  industry?: string;
  tag?: string;
  ownerId?: string;
  departmentId?: string;
  isKey?: boolean;
  dealStatus?: DealStatus;
  province?: string;
  city?: string;
  createdFrom?: string;
  createdTo?: string;
  /** custom.<key> → value */
  custom?: Record<string, string>;
}

export interface CustomerPage extends Page<Customer> {
  total?: number;
  totalIsEstimate?: boolean;
}

export interface SavedView {
  id: string;
  name: string;
  filters: CustomerFilter & { view?: CustomerView };
  columns: string[];
  sort: { field: CustomerSort; order: 'asc' | 'desc' } | null;
  /** Offered to the whole company (共享视图). */
  shared: boolean;
  /** The caller's own: only then may they rename, re-save, share or delete it. */
  mine: boolean;
  ownerName: string | null;
}

/** What a saved view is made of: the list state, a name and the share flag. */
export type SavedViewInput = Pick<SavedView, 'name' | 'filters' | 'columns' | 'sort'> & { shared?: boolean };

export interface DuplicateMatch {
  id: string | null;
  name: string;
  ownerName: string | null;
  matchedOn: ('name' | 'phone' | 'email' | 'creditCode')[];
  visible: boolean;
}

export type CustomFieldType =
  | 'text'
  | 'number'
  | 'money'
  | 'date'
  | 'select'
  | 'multiselect'
  | 'phone'
  | 'email'
  | 'user'
  | 'attachment';

export interface CustomField {
  id: string;
  objectType: 'customer' | 'contact';
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  options: string[];
  sortOrder: number;
}

export interface CustomerTreeNode {
  id: string;
  name: string;
  shortName?: string | null;
  ownerName?: string | null;
  children?: CustomerTreeNode[];
}
export interface CustomerTree {
  /** From the top of the group down to the direct parent (only visible ones). */
  ancestors: CustomerTreeNode[];
  /** This customer with its children, nested. */
  node: CustomerTreeNode;
}

/** One number per registered roll-up, and the same as labelled items. */
export type Rollup = { subsidiaries: number; items?: { key: string; label: string; value: number }[] } & Record<
  string,
  unknown
>;

export interface Share {
  id: string;
  targetType?: 'user' | 'department';
  targetId?: string;
  targetName?: string | null;
  userId?: string | null;
  userName?: string | null;
  departmentId?: string | null;
  departmentName?: string | null;
  access: 'read' | 'write';
  createdAt?: string;
}

export interface ExtraTab {
  key: string;
  label: string;
  count: number | null;
}

const BASE = '/api/v1/customers';

function filterQuery(filter: CustomerFilter): Query {
  const { custom, ...rest } = filter;
  const q: Query = { ...rest };
  for (const [k, v] of Object.entries(custom ?? {})) if (v !== '' && v != null) q[`custom.${k}`] = v;
  return q;
}

export const listCustomers = (
  params: CustomerFilter & {
    view: CustomerView;
    sort?: CustomerSort;
    order?: 'asc' | 'desc';
    limit?: number;
    cursor?: string | null;
  },
) => {
  const { view, sort, order, limit, cursor, ...filter } = params;
  return api<CustomerPage>(BASE, {
    query: { ...filterQuery(filter), view, sort, order, limit, cursor: cursor ?? undefined },
  });
};
export const getCustomer = (id: string) => api<Customer>(`${BASE}/${id}`);
export const createCustomer = (body: CustomerInput) => api<Customer>(BASE, { method: 'POST', body });
export const updateCustomer = (id: string, body: CustomerInput) =>
  api<Customer>(`${BASE}/${id}`, { method: 'PATCH', body });
export const deleteCustomer = (id: string) => api<null>(`${BASE}/${id}`, { method: 'DELETE' });
export const transferCustomers = (ids: string[], toUserId: string, withContacts: boolean) =>
  api<unknown>(`${BASE}/transfer`, { method: 'POST', body: { ids, toUserId, withContacts } });
export const duplicateCheck = (body: {
  name?: string;
  phone?: string;
  email?: string;
  creditCode?: string;
  excludeId?: string;
}) => api<{ items: DuplicateMatch[] }>(`${BASE}/duplicate-check`, { method: 'POST', body });
export const getTree = (id: string) => api<CustomerTree>(`${BASE}/${id}/tree`);
export const setParent = (id: string, parentId: string | null) =>
  api<unknown>(`${BASE}/${id}/parent`, { method: 'PUT', body: { parentId } });
export const getRollup = (id: string) => api<Rollup>(`${BASE}/${id}/rollup`);
export const listShares = (id: string) => api<{ items: Share[] }>(`${BASE}/${id}/shares`);
export const addShare = (id: string, body: Record<string, unknown>) =>
  api<Share>(`${BASE}/${id}/shares`, { method: 'POST', body });
export const removeShare = (id: string, shareId: string) =>
  api<null>(`${BASE}/${id}/shares/${shareId}`, { method: 'DELETE' });
export const returnToPool = (id: string, poolId: string, reason: string) =>
  api<unknown>(`${BASE}/${id}/return`, { method: 'POST', body: { poolId, reason } });
export const listViews = () => api<{ items: SavedView[] }>(`${BASE}/views`);
export const saveView = (body: SavedViewInput) => api<SavedView>(`${BASE}/views`, { method: 'POST', body });
export const updateView = (id: string, body: Partial<SavedViewInput>) =>
  api<SavedView>(`${BASE}/views/${id}`, { method: 'PATCH', body });
export const deleteView = (id: string) => api<null>(`${BASE}/views/${id}`, { method: 'DELETE' });
export const getExtraTabs = (id: string) => api<{ items: ExtraTab[] }>(`${BASE}/${id}/tabs`);
export const customerPath = (id: string) => `${BASE}/${id}`;

/** A 404 on a collection route means the server does not offer it yet (other modules are still being built). */
export const isMissingRoute = (e: unknown) => isApiError(e) && (e.status === 404 || e.status === 405);

export function useCustomFields(objectType: 'customer' | 'contact') {
  return useQuery({
    queryKey: ['custom-fields', objectType],
    queryFn: () =>
      api<{ items: CustomField[] }>('/api/v1/custom-fields', { query: { objectType } })
        .then((r) => [...r.items].sort((a, b) => a.sortOrder - b.sortOrder))
        .catch((e) => {
          if (isMissingRoute(e)) return [] as CustomField[];
          throw e;
        }),
    staleTime: 60_000,
  });
}

export function useCustomer(id: string | undefined) {
  return useQuery({ queryKey: ['customers', 'one', id], queryFn: () => getCustomer(id!), enabled: Boolean(id) });
}

/** Choices offered for the free-text classification fields (the server accepts any text). */
export const LEVELS = ['A', 'B', 'C', 'D'];
export const SOURCES = ['网络推广', '电话营销', '客户介绍', '展会', '老客户', '其他'];
export const STATUSES = ['潜在', '跟进中', '已成交', '流失'];
export const INDUSTRIES = ['制造业', '信息技术', '批发零售', '金融', '教育', '医疗', '建筑', '服务业', '其他'];
export const DEAL_STATUSES: DealStatus[] = ['none', 'in_progress', 'won', 'lost'];
