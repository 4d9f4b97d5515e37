import { api, type Page } from '../../ui/api.ts';

export interface Contact {
  id: string;
  customerId: string;
  customerName: string | null;
  name: string;
  title: string | null;
  mobile: string | null;
  email: string | null;
  wechat: string | null;
  /** YYYY-MM-DD */
  birthday: string | null;
  isKey: boolean;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
export type ContactInput = Partial<Omit<Contact, 'id' | 'customerName' | 'createdAt' | 'updatedAt'>>;

export type FollowUpKind = 'call' | 'visit' | 'email' | 'sms' | 'wechat' | 'note';
export const FOLLOW_UP_KINDS: FollowUpKind[] = ['call', 'visit', 'email', 'sms', 'wechat', 'note'];

export interface FollowUp {
  id: string;
  customerId: string;
  contactId: string | null;
  contactName?: string | null;
  kind: FollowUpKind;
  content: string;
  at: string;
  nextContactAt: string | null;
  authorId: string | null;
  authorName: string | null;
  attachments: Attachment[];
}
export interface FollowUpInput {
  customerId: string;
  contactId?: string | null;
  kind: FollowUpKind;
  content: string;
  at: string;
  nextContactAt?: string | null;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType?: string;
  size: number;
  createdAt?: string;
  uploadedByName?: string | null;
  url?: string;
}

export const listCustomerContacts = (customerId: string, cursor?: string | null) =>
  api<Page<Contact>>(`/api/v1/customers/${customerId}/contacts`, { query: { limit: 50, cursor: cursor ?? undefined } });
export const createContact = (body: ContactInput) => api<Contact>('/api/v1/contacts', { method: 'POST', body });
export const updateContact = (id: string, body: ContactInput) =>
  api<Contact>(`/api/v1/contacts/${id}`, { method: 'PATCH', body });
export const deleteContact = (id: string) => api<null>(`/api/v1/contacts/${id}`, { method: 'DELETE' });

export const listFollowUps = (customerId: string, cursor?: string | null) =>
  api<Page<FollowUp>>(`/api/v1/customers/${customerId}/follow-ups`, {
    query: { limit: 30, cursor: cursor ?? undefined },
  });
export const createFollowUp = (body: FollowUpInput) => api<FollowUp>('/api/v1/follow-ups', { method: 'POST', body });
export const deleteFollowUp = (id: string) => api<null>(`/api/v1/follow-ups/${id}`, { method: 'DELETE' });

export const attachmentsPath = (customerId: string) => `/api/v1/attachments/customer/${customerId}`;
export const listAttachments = (customerId: string) => api<{ items: Attachment[] }>(attachmentsPath(customerId));
export const deleteAttachment = (id: string) => api<null>(`/api/v1/attachments/${id}`, { method: 'DELETE' });
export const downloadUrl = (a: Attachment) => a.url ?? `/api/v1/attachments/${a.id}/download`;
