import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../ui/api.ts';

export interface Quarter {
  /** "2026Q1" */
  key: string;
  fiscalYear: number;
  quarter: number;
  /** "2026财年 Q1" */
  label: string;
  start: string;
  /** Exclusive. */
  end: string;
}

/** Money as decimal strings with two places; attainment a percent string with one ("62.5"). */
export interface Figures {
  quota: string | null;
  closed: string;
  closedCount: number;
  expected: string;
  best: string;
  pipelineCount: number;
  pipelineAmount: string;
  attainment: string | null;
}

export interface Forecast {
  quarter: Quarter;
  scope: { kind: 'me' | 'department' | 'company'; departmentId: string | null; name: string };
  totals: Figures & { quotaRolledUp: string | null };
  people: (Figures & {
    userId: string;
    name: string;
    departmentId: string;
    departmentName: string | null;
    active: boolean;
  })[];
}

export interface Trend {
  items: (Figures & { quarter: Quarter })[];
}

export interface ForecastOptions {
  fiscalYearStartMonth: number;
  currentQuarter: Quarter;
  company: boolean;
  departments: { id: string; name: string; parentId: string | null }[];
  canSetQuotas: boolean;
  canSetDepartmentQuotas: boolean;
}

export interface DepartmentQuota {
  id: string;
  name: string;
  explicit: string | null;
  rolledUp: string | null;
  effective: string | null;
}

export interface Quotas {
  quarter: Quarter;
  department: DepartmentQuota;
  children: DepartmentQuota[];
  members: {
    userId: string;
    name: string;
    departmentId: string;
    departmentName: string | null;
    quota: string | null;
    editable: boolean;
  }[];
}

const base = '/api/v1/forecast';

export const useForecastOptions = () =>
  useQuery({ queryKey: ['forecast', 'options'], queryFn: () => api<ForecastOptions>(`${base}/options`) });

export const useForecast = (quarter: string | undefined, scope: string, enabled = true) =>
  useQuery({
    queryKey: ['forecast', 'figures', quarter, scope],
    queryFn: () => api<Forecast>(base, { query: { quarter, scope } }),
    enabled,
  });

export const useTrend = (quarter: string | undefined, scope: string, enabled = true) =>
  useQuery({
    queryKey: ['forecast', 'trend', quarter, scope],
    queryFn: () => api<Trend>(`${base}/trend`, { query: { quarter, scope } }),
    enabled,
  });

export const useQuotas = (quarter: string | undefined, departmentId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['forecast', 'quotas', quarter, departmentId],
    queryFn: () => api<Quotas>(`${base}/quotas`, { query: { quarter, departmentId } }),
    enabled,
  });

export function useSetQuotas() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { quarter: string; items: { userId: string; amount: string | null }[] }) =>
      api(`${base}/quotas`, { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['forecast'] }),
  });
}

export function useSetDepartmentQuotas() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { quarter: string; items: { departmentId: string; amount: string | null }[] }) =>
      api(`${base}/department-quotas`, { method: 'PUT', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['forecast'] }),
  });
}

/** The quarter n quarters after key ("2026Q1", -1 → "2025Q4"). */
export function shiftQuarterKey(key: string, n: number): string {
  const m = /^(\d{4})Q([1-4])$/.exec(key);
  if (!m) return key;
  const i = Number(m[1]) * 4 + Number(m[2]) - 1 + n;
  return `${Math.floor(i / 4)}Q${(((i % 4) + 4) % 4) + 1}`;
}

/** "2026Q1" → "2026财年 Q1" / "FY2026 Q1". */
export function quarterKeyLabel(key: string, lang: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(key);
  if (!m) return key;
  return lang === 'en' ? `FY${m[1]} Q${m[2]}` : `${m[1]}财年 Q${m[2]}`;
}

/** ¥1,234,567.89 from a decimal string, without going through a float for the grouping. */
export function formatMoney(v: string | null | undefined): string {
  if (v == null) return '—';
  const [int = '0', frac = '00'] = v.split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  return `${neg ? '-' : ''}¥${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0').slice(0, 2)}`;
}
