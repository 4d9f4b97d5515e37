// 查重 for leads: the customers' normalised keys (company name, phone, e-mail), matched against other leads and
// against customers. A match the actor may not see is reported as its name and its owner's name only.
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/errors.ts';
import { customerKeys, findDuplicates } from '../customers/index.ts';
import { inScope, visibleOwners } from './leads.policy.ts';
import * as repo from './leads.repo.ts';
import type { DuplicateMatches } from './leads.schemas.ts';

export interface LeadKeyInput {
  companyName?: string | null;
  phone?: string | null;
  mobile?: string | null;
  email?: string | null;
}

/** The keys stored with a lead: exactly the customers' keys, plus the mobile through the same phone key. */
export function leadKeys(input: LeadKeyInput) {
  const keys = customerKeys({ name: input.companyName, phone: input.phone, email: input.email });
  return {
    nameKey: keys.nameKey,
    phoneKey: keys.phoneKey,
    mobileKey: customerKeys({ phone: input.mobile }).phoneKey,
    emailKey: keys.emailKey,
  };
}

type MatchedOn = DuplicateMatches['leads'][number]['matchedOn'][number];
const MAX = 20;

export async function findLeadDuplicates(
  tx: Tx,
  actor: Actor,
  input: LeadKeyInput & { excludeId?: string | null },
): Promise<DuplicateMatches> {
  const keys = leadKeys(input);
  const phoneKeys = [...new Set([keys.phoneKey, keys.mobileKey].filter((k): k is string => !!k))];
  const visible = await visibleOwners(tx, actor);
  const rows = await repo.selectKeyMatches(
    tx,
    actor.tenantId,
    { nameKey: keys.nameKey || null, phoneKeys, emailKey: keys.emailKey },
    input.excludeId ?? undefined,
  );
  const leads = rows
    .map((r) => {
      const on: MatchedOn[] = [];
      if (keys.nameKey && r.nameKey === keys.nameKey) on.push('name');
      if (keys.phoneKey && (r.phoneKey === keys.phoneKey || r.mobileKey === keys.phoneKey)) on.push('phone');
      if (keys.mobileKey && (r.phoneKey === keys.mobileKey || r.mobileKey === keys.mobileKey)) on.push('mobile');
      if (keys.emailKey && r.emailKey === keys.emailKey) on.push('email');
      const seen = r.ownerId === null || inScope(visible, r.ownerId);
      return {
        id: seen ? r.id : null,
        companyName: r.companyName,
        ownerName: r.ownerName,
        status: r.status,
        matchedOn: on,
        visible: seen,
      };
    })
    .sort((a, b) => b.matchedOn.length - a.matchedOn.length || Number(b.visible) - Number(a.visible))
    .slice(0, MAX);

  // Customers: the customers module's own check (its visibility rules), once more for a mobile of its own.
  const byPhone = await findDuplicates(tx, actor, {
    name: input.companyName,
    phone: keys.phoneKey ? input.phone : null,
    email: input.email,
  });
  const byMobile =
    keys.mobileKey && keys.mobileKey !== keys.phoneKey ? await findDuplicates(tx, actor, { phone: input.mobile }) : [];
  const customers = new Map<string, DuplicateMatches['customers'][number]>();
  const add = (m: (typeof byPhone)[number], mobile: boolean) => {
    const key = m.id ?? `~${m.name}|${m.ownerName ?? ''}`;
    const on: MatchedOn[] = mobile ? ['mobile'] : [...m.matchedOn];
    const prev = customers.get(key);
    customers.set(key, { ...m, matchedOn: prev ? [...new Set([...prev.matchedOn, ...on])] : on });
  };
  for (const m of byPhone) add(m, false);
  for (const m of byMobile) add(m, true);
  return { leads, customers: [...customers.values()].slice(0, MAX) };
}

/** 409 leads.duplicate with the matches, unless the user confirmed (force). */
export async function assertNoLeadDuplicates(
  tx: Tx,
  actor: Actor,
  input: LeadKeyInput & { excludeId?: string | null },
): Promise<void> {
  const duplicates = await findLeadDuplicates(tx, actor, input);
  const count = duplicates.leads.length + duplicates.customers.length;
  if (count) throw new AppError(409, 'leads.duplicate', { count }, undefined, { duplicates });
}
