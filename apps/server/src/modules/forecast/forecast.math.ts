import Decimal from 'decimal.js';
import type { OrgSnapshot } from '../../platform/access/scope.ts';

/*
 * Forecast arithmetic, exact (decimal.js over the NUMERIC strings the database returns). Pure, unit-tested in
 * forecast.math.test.ts.
 *
 *   closed     Σ amount of won opportunities won in the quarter                      (已完成额)
 *   expected   Σ amount × probability / 100 of open opportunities closing in it       (预期总收入)
 *   best       closed + Σ amount of those open opportunities                         (最佳总收入)
 *   attainment closed ÷ quota × 100, one decimal, half up; null without a quota > 0  (定额百分比)
 *
 * Rounding happens once, at the end: per-owner sums stay exact (the weighted sum is kept as Σ amount ×
 * probability, i.e. in hundredths) and are rounded to the cent only when a figure is shown.
 */

/** One owner's sums for a quarter, as the forecast query returns them (NUMERIC as text). */
export interface OwnerSums {
  ownerId: string;
  closed: string;
  closedCount: number;
  /** Σ amount × probability (whole percent), i.e. 100 × the expected revenue. */
  weighted: string;
  /** Σ amount of the open opportunities. */
  open: string;
  openCount: number;
}

export interface Totals {
  closed: Decimal;
  closedCount: number;
  weighted: Decimal;
  open: Decimal;
  openCount: number;
}

export interface Figures {
  quota: string | null;
  closed: string;
  closedCount: number;
  expected: string;
  best: string;
  pipelineCount: number;
  pipelineAmount: string;
  /** Percent of quota attained, e.g. "62.5"; null when there is no quota (or it is 0). */
  attainment: string | null;
}

export const zeroTotals = (): Totals => ({
  closed: new Decimal(0),
  closedCount: 0,
  weighted: new Decimal(0),
  open: new Decimal(0),
  openCount: 0,
});

/** Sum the rows of the given owners (all rows when owners is undefined). */
export function sumOwners(rows: Iterable<OwnerSums>, owners?: ReadonlySet<string>): Totals {
  const t = zeroTotals();
  for (const r of rows) {
    if (owners && !owners.has(r.ownerId)) continue;
    t.closed = t.closed.plus(r.closed);
    t.closedCount += r.closedCount;
    t.weighted = t.weighted.plus(r.weighted);
    t.open = t.open.plus(r.open);
    t.openCount += r.openCount;
  }
  return t;
}

const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** closed ÷ quota as a percentage with one decimal (half up); null without a positive quota. */
export function attainment(closed: Decimal.Value, quota: Decimal.Value | null): string | null {
  if (quota === null) return null;
  const q = new Decimal(quota);
  if (q.lte(0)) return null;
  return new Decimal(closed).div(q).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

/** The figures shown for one person, department or the company. */
export function figures(t: Totals, quota: Decimal | null): Figures {
  return {
    quota: quota === null ? null : cents(quota),
    closed: cents(t.closed),
    closedCount: t.closedCount,
    expected: cents(t.weighted.div(100)),
    best: cents(t.closed.plus(t.open)),
    pipelineCount: t.openCount,
    pipelineAmount: cents(t.open),
    attainment: attainment(t.closed, quota),
  };
}

export interface DepartmentQuota {
  /** The quota set on the department itself, or null. */
  explicit: Decimal | null;
  /** Σ effective quotas of the child departments + Σ quotas of the people whose main department this is; null when none is set. */
  rolledUp: Decimal | null;
  /** What counts: the explicit quota when set, else the rolled-up one ("explicit overrides sum"). */
  effective: Decimal | null;
}

const addNullable = (a: Decimal | null, b: Decimal | null) => (a === null ? b : b === null ? a : a.plus(b));

/**
 * Department quotas rolled up the tree, for every department. Rule: **an explicit department quota overrides the
 * sum**; a department without one takes the sum of its children's effective quotas and its direct members'
 * personal quotas. Both figures are returned so the UI can show a set quota next to what its people add up to.
 * Cycle-safe (a department met again on its own path counts as nothing).
 */
export function rollUpQuotas(
  org: OrgSnapshot,
  personal: ReadonlyMap<string, Decimal>,
  explicit: ReadonlyMap<string, Decimal>,
): Map<string, DepartmentQuota> {
  const children = new Map<string, string[]>();
  for (const d of org.departments) {
    if (!d.parentId) continue;
    const list = children.get(d.parentId) ?? [];
    list.push(d.id);
    children.set(d.parentId, list);
  }
  const members = new Map<string, string[]>();
  for (const u of org.users) {
    const list = members.get(u.departmentId) ?? [];
    list.push(u.id);
    members.set(u.departmentId, list);
  }
  const out = new Map<string, DepartmentQuota>();
  const onPath = new Set<string>();
  const visit = (id: string): DepartmentQuota | null => {
    const done = out.get(id);
    if (done) return done;
    if (onPath.has(id)) return null;
    onPath.add(id);
    let rolledUp: Decimal | null = null;
    for (const c of children.get(id) ?? []) rolledUp = addNullable(rolledUp, visit(c)?.effective ?? null);
    for (const u of members.get(id) ?? []) rolledUp = addNullable(rolledUp, personal.get(u) ?? null);
    onPath.delete(id);
    const own = explicit.get(id) ?? null;
    const result = { explicit: own, rolledUp, effective: own ?? rolledUp };
    out.set(id, result);
    return result;
  };
  for (const d of org.departments) visit(d.id);
  return out;
}
