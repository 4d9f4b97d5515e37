import type { PoolRuleCode } from './pools.table.ts';

/**
 * The pool rules as pure functions, so the day boundaries are unit-tested without a database or a clock.
 *
 * Days are calendar days in Asia/Shanghai (UTC+8, no daylight saving): a customer last followed up on 1 March
 * with "30 days without follow-up" moves on 31 March, whatever the hour the daily job runs. A warning of W days
 * starts W days before that (on 28 March with W = 3).
 */
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Days since the epoch in Asia/Shanghai. */
export const shanghaiDay = (at: Date): number => Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
/** The instant an Asia/Shanghai day starts (00:00 +08:00). */
export const shanghaiDayStart = (day: number): Date => new Date(day * DAY_MS - SHANGHAI_OFFSET_MS);
/** 00:00 (Asia/Shanghai) of the day `at` falls on. */
export const startOfShanghaiDay = (at: Date): Date => shanghaiDayStart(shanghaiDay(at));

export interface PoolRules {
  noFollowUpDays: { enabled: boolean; days: number };
  noDealDays: { enabled: boolean; days: number };
  excludeKey: boolean;
  warnDays: { enabled: boolean; days: number };
}

export interface RuleCustomer {
  id: string;
  isKey: boolean;
  dealStatus: string;
  lastFollowUpAt: Date | null;
  /** When the current owner got it; older rows may lack it and fall back to createdAt. */
  ownedSince: Date | null;
  createdAt: Date;
}

export interface RuleHit {
  customerId: string;
  rule: PoolRuleCode;
  days: number;
  /** Start of the Asia/Shanghai day the rule moves the customer. */
  dueAt: Date;
}

export interface RuleOutcome {
  moves: RuleHit[];
  warnings: RuleHit[];
}

/** The day each enabled rule moves this customer, earliest first (null when no rule applies). */
export function dueOf(
  customer: RuleCustomer,
  rules: PoolRules,
): { rule: PoolRuleCode; days: number; day: number } | null {
  if (rules.excludeKey && customer.isKey) return null;
  const owned = customer.ownedSince ?? customer.createdAt;
  const candidates: { rule: PoolRuleCode; days: number; day: number }[] = [];
  if (rules.noFollowUpDays.enabled) {
    const since = customer.lastFollowUpAt && customer.lastFollowUpAt > owned ? customer.lastFollowUpAt : owned;
    const days = rules.noFollowUpDays.days;
    candidates.push({ rule: 'no_follow_up', days, day: shanghaiDay(since) + days });
  }
  if (rules.noDealDays.enabled && customer.dealStatus !== 'won') {
    const days = rules.noDealDays.days;
    candidates.push({ rule: 'no_deal', days, day: shanghaiDay(owned) + days });
  }
  // Earliest due first; on the same day "no follow-up" names the reason (it is listed first).
  return candidates.reduce<(typeof candidates)[number] | null>((a, c) => (a && a.day <= c.day ? a : c), null);
}

/**
 * Which of these owned customers the pool's rules move on `asOf`, and which get a warning (due within the
 * warning window but not yet). Each customer appears at most once, with the rule that moves it first.
 */
export function evaluatePoolRules(customers: readonly RuleCustomer[], rules: PoolRules, asOf: Date): RuleOutcome {
  const today = shanghaiDay(asOf);
  const out: RuleOutcome = { moves: [], warnings: [] };
  for (const c of customers) {
    const due = dueOf(c, rules);
    if (!due) continue;
    const hit = { customerId: c.id, rule: due.rule, days: due.days, dueAt: shanghaiDayStart(due.day) };
    if (due.day <= today) out.moves.push(hit);
    else if (rules.warnDays.enabled && due.day - rules.warnDays.days <= today) out.warnings.push(hit);
  }
  return out;
}

/**
 * A database pre-filter that keeps every customer evaluatePoolRules could move or warn about on `asOf`:
 * the latest "since" instant still due within the window. null when no rule is on.
 */
export function candidateCutoff(rules: PoolRules, asOf: Date): Date | null {
  const spans: number[] = [];
  if (rules.noFollowUpDays.enabled) spans.push(rules.noFollowUpDays.days);
  if (rules.noDealDays.enabled) spans.push(rules.noDealDays.days);
  if (spans.length === 0) return null;
  const ahead = rules.warnDays.enabled ? rules.warnDays.days : 0;
  // Due when shanghaiDay(since) + span <= today + ahead, i.e. since < start of day (today + ahead - span + 1).
  return shanghaiDayStart(shanghaiDay(asOf) + ahead - Math.min(...spans) + 1);
}
