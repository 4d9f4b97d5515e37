import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { fiscalQuarterOf, shanghaiToday, shiftQuarter } from './forecast.quarters.ts';
import { salesQuotas } from './forecast.table.ts';

/**
 * Demo quotas (定额): the two salespeople and the manager for the current fiscal quarter and the three before it
 * (the trend chart), on a calendar fiscal year (the demo company's default). 销售部 has no quota of its own, so its
 * figure is what its people add up to.
 */
export async function seedDemoQuotas(
  ctx: { tx: Tx; actor: { tenantId: string; userId: string } },
  people: { manager: string; s1: string; s2: string },
): Promise<void> {
  const { tx, actor } = ctx;
  const current = fiscalQuarterOf(shanghaiToday(), 1);
  const amounts: Array<[string, string]> = [
    [people.s1, '300000.00'],
    [people.s2, '250000.00'],
    [people.manager, '200000.00'],
  ];
  const rows = [0, -1, -2, -3].flatMap((n) => {
    const q = shiftQuarter(current, n);
    return amounts.map(([userId, amount]) => ({
      tenantId: actor.tenantId,
      id: newId(),
      fiscalYear: q.fiscalYear,
      quarter: q.quarter,
      userId,
      departmentId: null,
      amount,
      updatedBy: actor.userId,
    }));
  });
  await tx.insert(salesQuotas).values(rows);
}
