import { api, type Page } from '../../ui/api.ts';

export interface PoolRule {
  enabled: boolean;
  days: number;
}
export interface Pool {
  id: string;
  name: string;
  departmentIds: string[];
  rules: { noFollowUpDays: PoolRule; noDealDays: PoolRule; excludeKey: boolean; warnDays: PoolRule };
  claimDailyLimit: number | null;
  maxOwned: number | null;
  cooldownDays: number;
  customerCount?: number;
}
export type PoolInput = Omit<Pool, 'id' | 'customerCount'>;

/** A customer in a pool, with how and why it came in. */
export interface PoolCustomer {
  id: string;
  name: string;
  industry: string | null;
  level: string | null;
  isKey: boolean;
  lastFollowUpAt: string | null;
  lastOwnerId: string | null;
  lastOwnerName: string | null;
  movedInKind: string | null;
  /** Readable: the rule ("30 天未跟进") or the owner's own words. */
  movedInReason: string | null;
  movedInAt: string | null;
}

export interface DryRunMove {
  customerId: string;
  name: string;
  ownerId: string;
  ownerName: string | null;
  rule: string;
  days: number;
  /** Readable, in the caller's language. */
  reason: string;
  /** When the rule moves (moves) or will move (warnings) the customer. */
  dueAt: string;
}
export interface DryRun {
  asOf: string;
  moves: DryRunMove[];
  warnings: DryRunMove[];
}

/** What 立即执行规则 did: customers moved into the pool now, and how many are within the warning window. */
export interface ApplyResult {
  asOf: string;
  moved: number;
  warned: number;
  movedCustomers: { customerId: string; name: string; ownerName: string | null; reason: string }[];
}

const BASE = '/api/v1/pools';
export const listPools = () => api<{ items: Pool[] }>(BASE);
export const createPool = (body: PoolInput) => api<Pool>(BASE, { method: 'POST', body });
export const updatePool = (id: string, body: Partial<PoolInput>) =>
  api<Pool>(`${BASE}/${id}`, { method: 'PATCH', body });
export const deletePool = (id: string) => api<null>(`${BASE}/${id}`, { method: 'DELETE' });
export const listPoolCustomers = (id: string, q: string | undefined, cursor: string | null) =>
  api<Page<PoolCustomer>>(`${BASE}/${id}/customers`, {
    query: { q, limit: 50, cursor: cursor ?? undefined },
  });
export const claimCustomer = (id: string, customerId: string) =>
  api<unknown>(`${BASE}/${id}/claim`, { method: 'POST', body: { customerId } });
export const assignCustomers = (id: string, customerIds: string[], toUserId: string) =>
  api<unknown>(`${BASE}/${id}/assign`, { method: 'POST', body: { customerIds, toUserId } });
export const dryRun = (id: string) => api<DryRun>(`${BASE}/${id}/dry-run`);
export const applyRules = (id: string) => api<ApplyResult>(`${BASE}/${id}/apply`, { method: 'POST' });

export const blankPool = (): PoolInput => ({
  name: '',
  departmentIds: [],
  rules: {
    noFollowUpDays: { enabled: true, days: 30 },
    noDealDays: { enabled: false, days: 90 },
    excludeKey: true,
    warnDays: { enabled: true, days: 3 },
  },
  claimDailyLimit: 10,
  maxOwned: 200,
  cooldownDays: 7,
});
