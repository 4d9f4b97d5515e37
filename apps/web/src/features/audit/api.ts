import { api, type Page } from '../../ui/api.ts';
import type { HistoryEntry } from '../../ui/RecordHistory.tsx';

export interface AuditEntry extends HistoryEntry {
  objectType: string;
  recordId: string | null;
  route: string | null;
}

export interface AuditFilter {
  objectType?: string;
  actorId?: string;
  /** YYYY-MM-DD, inclusive (China time). */
  from?: string;
  /** YYYY-MM-DD, inclusive: the whole day. */
  to?: string;
}

export const listAudit = (filter: AuditFilter & { limit?: number; cursor?: string | null }) =>
  api<Page<AuditEntry>>('/api/v1/audit', { query: { ...filter, cursor: filter.cursor ?? undefined } });

/** Object types the audit trail knows; later modules add theirs here. */
export const AUDIT_OBJECT_TYPES = [
  'customer',
  'customer_view',
  'contact',
  'follow_up',
  'pool',
  'department',
  'employee',
  'role',
  'settings',
  'custom_field',
  'user',
  'session',
] as const;

/** Where a record of a type can be looked at, if the web has a page for it. */
export function recordUrl(objectType: string, recordId: string | null): string | null {
  if (!recordId) return null;
  if (objectType === 'customer') return `/customers/${recordId}`;
  if (objectType === 'department') return '/org';
  if (objectType === 'employee') return '/employees';
  if (objectType === 'role') return '/roles';
  if (objectType === 'settings') return '/settings';
  return null;
}
