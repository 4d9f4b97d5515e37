// The documents that go through approval (报价折扣, 合同, 回款, 费用, 采购, 出库): each document module registers
// how to load one of its records; the approvals module never reads their tables itself.
import type { Actor } from '../../platform/access/actor.ts';
import type { Label } from '../../platform/access/permissions.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DocumentType } from './approvals.flow.ts';

/** What approvals needs of one document, as the actor may see it. */
export interface LoadedDocument {
  /** Shown in the inbox and the drawer, e.g. "报价单 Q-2026-0012 · 华星科技". */
  title: string;
  /** The fields branch conditions read: amounts as decimal strings ("12000.00"), rates, flags, texts. */
  fields: Record<string, unknown>;
  ownerId: string | null;
  /** Whether the actor may see the document (data scope, sharing). Not visible answers 404. */
  visible: boolean;
}

export type DecisionOutcome = 'approved' | 'rejected' | 'returned' | 'withdrawn';

/** Where a decision happens: the request's transaction, or a hand-over's (no request actor). */
export interface DecisionContext {
  tx: Tx;
  tenantId: string;
  /** Who made the decision; null when the machine did (a hand-over that completed a step). */
  actorId: string | null;
}

export interface ApprovalDocumentType {
  type: DocumentType;
  label: Label;
  /** Needed to submit a document of this type and to read its approval from the document's page. */
  permission: string;
  /** The document, or null when it does not exist in the actor's tenant. */
  load(tx: Tx, actor: Actor, id: string): Promise<LoadedDocument | null>;
  /**
   * Called in the submission's transaction once the approval is pending (e.g. mark the quote 审批中, which
   * locks it). Throw a 409 when the document is in no state to be submitted: the submission is undone.
   */
  onSubmitted?(ctx: DecisionContext, id: string): Promise<void>;
  /** Called in the same transaction when the approval is decided (e.g. mark the quote approved). */
  onDecided?(ctx: DecisionContext, id: string, outcome: DecisionOutcome): Promise<void>;
}

const registry = new Map<string, ApprovalDocumentType>();

/**
 * Plug a document type into approvals. Returns a function that restores what was registered before (tests
 * register their own loader for a type, then put the real one back).
 */
export function registerApprovalDocument(entry: ApprovalDocumentType): () => void {
  const previous = registry.get(entry.type);
  registry.set(entry.type, entry);
  return () => {
    if (registry.get(entry.type) !== entry) return;
    if (previous) registry.set(entry.type, previous);
    else registry.delete(entry.type);
  };
}

export function approvalDocumentType(type: string): ApprovalDocumentType | undefined {
  return registry.get(type);
}

/** Labels of every document type, whether a module has plugged it in yet or not (the settings page lists all). */
export const documentTypeLabels: Record<DocumentType, Label> = {
  quote_discount: { 'zh-CN': '报价折扣', en: 'Quote discount' },
  contract: { 'zh-CN': '合同', en: 'Contract' },
  collection: { 'zh-CN': '回款', en: 'Collection' },
  expense: { 'zh-CN': '费用报销', en: 'Expense' },
  purchase: { 'zh-CN': '采购', en: 'Purchase' },
  outbound: { 'zh-CN': '出库申请', en: 'Outbound request' },
};
