// 负责人 cells → employees, for a whole batch in one query (by e-mail, mobile or name).
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { type Locale, translate } from '../../platform/i18n/i18n.ts';
import { users } from '../employees/employees.table.ts';

export interface OwnerUser {
  id: string;
  name: string;
  departmentId: string;
  status: string;
}

export type OwnerResolution = { user: OwnerUser } | { reason: string };

export async function resolveOwners(
  tx: Tx,
  tenantId: string,
  refs: string[],
  inScope: (userId: string) => boolean,
  locale: Locale,
): Promise<Map<string, OwnerResolution>> {
  const out = new Map<string, OwnerResolution>();
  const distinct = [...new Set(refs)];
  if (!distinct.length) return out;
  const lower = distinct.map((r) => r.toLowerCase());
  const rows = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      mobile: users.mobile,
      departmentId: users.departmentId,
      status: users.status,
    })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        or(inArray(users.name, distinct), inArray(users.mobile, distinct), inArray(sql`lower(${users.email})`, lower)),
      ),
    );
  for (const ref of distinct) {
    const key = ref.toLowerCase();
    const exact = rows.filter((u) => u.email?.toLowerCase() === key || u.mobile === ref);
    const byName = rows.filter((u) => u.name === ref);
    const candidates = exact.length
      ? exact
      : byName.filter((u) => u.status === 'active').length
        ? byName.filter((u) => u.status === 'active')
        : byName;
    const owner = translate(locale, 'imports.owner_label');
    if (candidates.length === 0)
      out.set(ref, { reason: `${owner}: ${translate(locale, 'imports.owner_not_found', { ref })}` });
    else if (candidates.length > 1)
      out.set(ref, { reason: `${owner}: ${translate(locale, 'imports.owner_ambiguous', { ref })}` });
    else {
      const u = candidates[0]!;
      if (u.status !== 'active') out.set(ref, { reason: `${owner}: ${translate(locale, 'sharing.user_disabled')}` });
      else if (!inScope(u.id))
        out.set(ref, { reason: `${owner}: ${translate(locale, 'customers.owner_out_of_scope')}` });
      else out.set(ref, { user: u });
    }
  }
  return out;
}
