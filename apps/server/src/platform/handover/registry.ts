import type { Label } from '../access/permissions.ts';
import type { Tx } from '../db/database.ts';

/**
 * Things an employee owns that must go to a colleague when they leave (离职交接). Every module that keeps
 * owned records registers one entry per record type; disabling an employee runs them all in the one
 * request transaction, so a hand-over is complete or nothing changes.
 */
export interface HandoverType {
  /** Stable code, e.g. "customers" or "employees.direct_reports". */
  type: string;
  label: Label;
  /** How many items fromUserId would hand over. */
  count(tx: Tx, tenantId: string, fromUserId: string): Promise<number>;
  /** Move everything of this type from fromUserId to toUserId. */
  transfer(tx: Tx, tenantId: string, fromUserId: string, toUserId: string): Promise<void>;
}

const registry = new Map<string, HandoverType>();

/** Register a record type; returns a function that removes it again (tests). */
export function registerHandover(entry: HandoverType): () => void {
  if (registry.has(entry.type)) throw new Error(`hand-over type ${entry.type} is registered twice`);
  registry.set(entry.type, entry);
  return () => {
    if (registry.get(entry.type) === entry) registry.delete(entry.type);
  };
}

export function handoverTypes(): HandoverType[] {
  return [...registry.values()];
}

export interface HandoverCount {
  type: string;
  label: Label;
  count: number;
}

/** What disabling fromUserId would hand over, per registered type. */
export async function previewHandover(tx: Tx, tenantId: string, fromUserId: string): Promise<HandoverCount[]> {
  const out: HandoverCount[] = [];
  for (const entry of handoverTypes()) {
    out.push({ type: entry.type, label: entry.label, count: await entry.count(tx, tenantId, fromUserId) });
  }
  return out;
}

/** Run every registered transfer in the caller's transaction; returns the counts that were moved. */
export async function runHandover(
  tx: Tx,
  tenantId: string,
  fromUserId: string,
  toUserId: string,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const entry of handoverTypes()) {
    moved[entry.type] = await entry.count(tx, tenantId, fromUserId);
    await entry.transfer(tx, tenantId, fromUserId, toUserId);
  }
  return moved;
}
