// 查重 (C8): duplicate detection by normalised name, phone, e-mail and credit code. A match the actor may not
// see is reported as its name and its owner's name only — never its id or any other detail.
import { and, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { companyNameKey, emailKey, normalizeCreditCode, phoneKey } from '../../platform/text/index.ts';
import { users } from '../employees/employees.table.ts';
import { customerVisibility } from './customers.policy.ts';
import { customers } from './customers.table.ts';

export type MatchedOn = 'name' | 'phone' | 'email' | 'creditCode';

export interface KeyInput {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface CustomerKeys {
  nameKey: string;
  phoneKey: string | null;
  emailKey: string | null;
}

/** The normalised keys stored with a customer (name_key, phone_key, email_key) and matched by 查重. */
export function customerKeys(input: KeyInput): CustomerKeys {
  return {
    nameKey: input.name ? companyNameKey(input.name) : '',
    phoneKey: phoneKey(input.phone),
    emailKey: emailKey(input.email),
  };
}

export interface DuplicateInput extends KeyInput {
  creditCode?: string | null;
  /** The customer being edited, which never duplicates itself. */
  excludeId?: string | null;
}

export interface DuplicateMatch {
  /** Null when the actor may not see the match. */
  id: string | null;
  name: string;
  /** Null for a customer in a public pool (no owner). */
  ownerName: string | null;
  matchedOn: MatchedOn[];
  visible: boolean;
}

const MAX_MATCHES = 20;

interface Probe {
  nameKey: string | null;
  phoneKey: string | null;
  emailKey: string | null;
  creditCode: string | null;
}

function probeOf(input: DuplicateInput): Probe {
  const keys = customerKeys(input);
  const code = input.creditCode ? normalizeCreditCode(input.creditCode) : '';
  return { nameKey: keys.nameKey || null, phoneKey: keys.phoneKey, emailKey: keys.emailKey, creditCode: code || null };
}

function matchConditions(p: Probe): SQL[] {
  const out: SQL[] = [];
  if (p.nameKey) out.push(eq(customers.nameKey, p.nameKey));
  if (p.phoneKey) out.push(eq(customers.phoneKey, p.phoneKey));
  if (p.emailKey) out.push(eq(customers.emailKey, p.emailKey));
  if (p.creditCode) out.push(eq(customers.creditCode, p.creditCode));
  return out;
}

interface KeyedRow {
  nameKey: string;
  phoneKey: string | null;
  emailKey: string | null;
  creditCode: string | null;
}

function matchedOn(p: Probe, r: KeyedRow): MatchedOn[] {
  const on: MatchedOn[] = [];
  if (p.nameKey && r.nameKey === p.nameKey) on.push('name');
  if (p.phoneKey && r.phoneKey === p.phoneKey) on.push('phone');
  if (p.emailKey && r.emailKey === p.emailKey) on.push('email');
  if (p.creditCode && r.creditCode === p.creditCode) on.push('creditCode');
  return on;
}

/**
 * The tenant's customers sharing any key with the input, in one query over the key indexes, best matches
 * first (most keys in common, visible before invisible). Invisible matches carry only name and owner name.
 */
export async function findDuplicates(tx: Tx, actor: Actor, input: DuplicateInput): Promise<DuplicateMatch[]> {
  const probe = probeOf(input);
  const match = matchConditions(probe);
  if (!match.length) return [];
  const visible = await customerVisibility(tx, actor);
  const rows = await tx
    .select({
      id: customers.id,
      name: customers.name,
      ownerName: users.name,
      nameKey: customers.nameKey,
      phoneKey: customers.phoneKey,
      emailKey: customers.emailKey,
      creditCode: customers.creditCode,
      visible: sql<boolean>`coalesce(${visible}, false)`,
    })
    .from(customers)
    .leftJoin(users, and(eq(users.tenantId, customers.tenantId), eq(users.id, customers.ownerId)))
    .where(
      and(
        eq(customers.tenantId, actor.tenantId),
        or(...match),
        input.excludeId ? ne(customers.id, input.excludeId) : undefined,
      ),
    )
    .limit(MAX_MATCHES * 2);
  return rows
    .map((r) => ({
      id: r.visible ? r.id : null,
      name: r.name,
      ownerName: r.ownerName,
      matchedOn: matchedOn(probe, r),
      visible: Boolean(r.visible),
    }))
    .sort((a, b) => b.matchedOn.length - a.matchedOn.length || Number(b.visible) - Number(a.visible))
    .slice(0, MAX_MATCHES);
}

export interface BatchKeys {
  nameKey?: string | null;
  phoneKey?: string | null;
  emailKey?: string | null;
  creditCode?: string | null;
}

export interface BatchMatch {
  id: string;
  name: string;
  ownerId: string | null;
  poolId: string | null;
  matchedOn: MatchedOn[];
}

const BATCH_CHUNK = 2000;

/**
 * Duplicates for many rows at once (import): one query per chunk of rows, answering, for each input row in
 * order, the existing customers sharing a key with it. No visibility is applied — the caller (the import job,
 * acting for a user) decides what to do with a match and must report one its user may not see as name + owner
 * only. Keys should come from customerKeys / normalizeCreditCode.
 */
export async function findDuplicatesBatch(tx: Tx, tenantId: string, keys: BatchKeys[]): Promise<BatchMatch[][]> {
  const result: BatchMatch[][] = keys.map(() => []);
  for (let start = 0; start < keys.length; start += BATCH_CHUNK) {
    const chunk = keys.slice(start, start + BATCH_CHUNK);
    const values = (pick: (k: BatchKeys) => string | null | undefined) => [
      ...new Set(chunk.map(pick).filter((v): v is string => !!v)),
    ];
    const names = values((k) => k.nameKey);
    const phones = values((k) => k.phoneKey);
    const emails = values((k) => k.emailKey);
    const codes = values((k) => k.creditCode);
    const match = [
      names.length ? inArray(customers.nameKey, names) : undefined,
      phones.length ? inArray(customers.phoneKey, phones) : undefined,
      emails.length ? inArray(customers.emailKey, emails) : undefined,
      codes.length ? inArray(customers.creditCode, codes) : undefined,
    ].filter((c): c is SQL => !!c);
    if (!match.length) continue;
    const rows = await tx
      .select({
        id: customers.id,
        name: customers.name,
        ownerId: customers.ownerId,
        poolId: customers.poolId,
        nameKey: customers.nameKey,
        phoneKey: customers.phoneKey,
        emailKey: customers.emailKey,
        creditCode: customers.creditCode,
      })
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), or(...match)));
    const byKey = (field: keyof KeyedRow) => {
      const map = new Map<string, typeof rows>();
      for (const r of rows) {
        const v = r[field];
        if (v) map.set(v, [...(map.get(v) ?? []), r]);
      }
      return map;
    };
    const index = {
      nameKey: byKey('nameKey'),
      phoneKey: byKey('phoneKey'),
      emailKey: byKey('emailKey'),
      creditCode: byKey('creditCode'),
    };
    chunk.forEach((k, i) => {
      const probe: Probe = {
        nameKey: k.nameKey || null,
        phoneKey: k.phoneKey || null,
        emailKey: k.emailKey || null,
        creditCode: k.creditCode || null,
      };
      const found = new Map<string, (typeof rows)[number]>();
      for (const field of ['nameKey', 'phoneKey', 'emailKey', 'creditCode'] as const) {
        const v = probe[field];
        for (const r of (v && index[field].get(v)) || []) found.set(r.id, r);
      }
      result[start + i] = [...found.values()].map((r) => ({
        id: r.id,
        name: r.name,
        ownerId: r.ownerId,
        poolId: r.poolId,
        matchedOn: matchedOn(probe, r),
      }));
    });
  }
  return result;
}
