import type { Actor } from '../../platform/access/actor.ts';
import type { Label } from '../../platform/access/permissions.ts';
import type { Tx } from '../../platform/db/database.ts';

export type RecordAccess = 'none' | 'read' | 'write';

/**
 * A record type files can be attached to. `access` is the type's own visibility rule (including the function
 * grant it needs): 'read' lets the actor list and download its files, 'write' also add and remove them,
 * 'none' (unknown, another tenant's, outside scope) answers 404.
 */
export interface Attachable {
  type: string;
  label: Label;
  access(tx: Tx, actor: Actor, recordId: string): Promise<RecordAccess>;
}

const registry = new Map<string, Attachable>();

export function registerAttachable(def: Attachable): void {
  registry.set(def.type, def);
}

export function attachable(type: string): Attachable | undefined {
  return registry.get(type);
}

export function attachableTypes(): string[] {
  return [...registry.keys()];
}
