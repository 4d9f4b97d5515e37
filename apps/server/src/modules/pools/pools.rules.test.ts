import { describe, expect, it } from 'vitest';
import {
  candidateCutoff,
  evaluatePoolRules,
  type PoolRules,
  type RuleCustomer,
  shanghaiDay,
  startOfShanghaiDay,
} from './pools.rules.ts';

const rules = (over: Partial<PoolRules> = {}): PoolRules => ({
  noFollowUpDays: { enabled: true, days: 30 },
  noDealDays: { enabled: false, days: 90 },
  excludeKey: true,
  warnDays: { enabled: true, days: 3 },
  ...over,
});
/** An instant given in Beijing time. */
const bj = (local: string) => new Date(`${local}+08:00`);
const customer = (over: Partial<RuleCustomer> = {}): RuleCustomer => ({
  id: 'c1',
  isKey: false,
  dealStatus: 'none',
  lastFollowUpAt: null,
  ownedSince: bj('2025-01-01T09:00:00'),
  createdAt: bj('2024-06-01T09:00:00'),
  ...over,
});
const outcome = (c: RuleCustomer, r: PoolRules, asOf: Date) => {
  const o = evaluatePoolRules([c], r, asOf);
  return o.moves.length ? 'move' : o.warnings.length ? 'warn' : 'none';
};

describe('Asia/Shanghai days', () => {
  it('starts a day at 00:00 +08:00', () => {
    expect(shanghaiDay(bj('2025-03-01T23:59:59.999'))).toBe(shanghaiDay(bj('2025-03-01T00:00:00')));
    expect(shanghaiDay(bj('2025-03-02T00:00:00'))).toBe(shanghaiDay(bj('2025-03-01T00:00:00')) + 1);
    expect(startOfShanghaiDay(new Date('2025-03-01T15:59:59Z')).toISOString()).toBe('2025-02-28T16:00:00.000Z');
    expect(startOfShanghaiDay(new Date('2025-03-01T16:00:00Z')).toISOString()).toBe('2025-03-01T16:00:00.000Z');
  });
});

describe('evaluatePoolRules: no follow-up', () => {
  const c = customer({ lastFollowUpAt: bj('2025-03-01T22:00:00') });

  it('moves on the Nth calendar day after the last follow-up, at any hour of that day', () => {
    expect(outcome(c, rules(), bj('2025-03-30T23:59:59.999'))).toBe('warn');
    expect(outcome(c, rules(), bj('2025-03-31T00:00:00'))).toBe('move');
    expect(outcome(c, rules(), bj('2025-04-20T12:00:00'))).toBe('move');
    const [move] = evaluatePoolRules([c], rules(), bj('2025-03-31T08:00:00')).moves;
    expect(move).toEqual({ customerId: 'c1', rule: 'no_follow_up', days: 30, dueAt: bj('2025-03-31T00:00:00') });
  });

  it('warns exactly W days ahead', () => {
    expect(outcome(c, rules(), bj('2025-03-27T23:59:59'))).toBe('none');
    expect(outcome(c, rules(), bj('2025-03-28T00:00:00'))).toBe('warn');
    expect(outcome(c, rules({ warnDays: { enabled: false, days: 3 } }), bj('2025-03-29T00:00:00'))).toBe('none');
  });

  it('counts from owned_since when that is later than the last follow-up (a fresh claim restarts the clock)', () => {
    const claimed = customer({ lastFollowUpAt: bj('2024-01-01T10:00:00'), ownedSince: bj('2025-03-01T10:00:00') });
    expect(outcome(claimed, rules(), bj('2025-03-30T12:00:00'))).toBe('warn');
    expect(outcome(claimed, rules(), bj('2025-03-31T00:00:00'))).toBe('move');
  });

  it('falls back to created_at when owned_since is missing', () => {
    const old = customer({ ownedSince: null, createdAt: bj('2025-03-01T00:00:00') });
    expect(outcome(old, rules(), bj('2025-03-30T23:00:00'))).toBe('warn');
    expect(outcome(old, rules(), bj('2025-03-31T00:00:01'))).toBe('move');
  });

  it('leaves key customers alone when excluded, and moves them otherwise', () => {
    const key = customer({ isKey: true, lastFollowUpAt: bj('2024-01-01T10:00:00') });
    expect(outcome(key, rules(), bj('2025-06-01T00:00:00'))).toBe('none');
    expect(outcome(key, rules({ excludeKey: false }), bj('2025-06-01T00:00:00'))).toBe('move');
  });

  it('does nothing when no rule is on', () => {
    const off = rules({ noFollowUpDays: { enabled: false, days: 30 } });
    expect(outcome(customer(), off, bj('2030-01-01T00:00:00'))).toBe('none');
    expect(candidateCutoff(off, new Date())).toBeNull();
  });
});

describe('evaluatePoolRules: no deal', () => {
  const r = rules({ noFollowUpDays: { enabled: false, days: 30 }, noDealDays: { enabled: true, days: 90 } });

  it('moves N days after owned_since unless the deal is won', () => {
    const c = customer({ ownedSince: bj('2025-01-01T23:30:00'), lastFollowUpAt: bj('2025-03-30T10:00:00') });
    expect(outcome(c, r, bj('2025-03-31T23:59:59'))).toBe('warn'); // 1 Jan + 90 days = 1 Apr
    expect(outcome(c, r, bj('2025-04-01T00:00:00'))).toBe('move');
    expect(outcome({ ...c, dealStatus: 'won' }, r, bj('2026-01-01T00:00:00'))).toBe('none');
    expect(outcome({ ...c, dealStatus: 'lost' }, r, bj('2025-04-01T00:00:00'))).toBe('move');
  });

  it('names the rule that is due first when both are on', () => {
    const both = rules({ noDealDays: { enabled: true, days: 60 } });
    const c = customer({ ownedSince: bj('2025-01-01T10:00:00'), lastFollowUpAt: bj('2025-02-20T10:00:00') });
    const [move] = evaluatePoolRules([c], both, bj('2025-03-05T10:00:00')).moves;
    expect(move).toMatchObject({ rule: 'no_deal', days: 60, dueAt: bj('2025-03-02T00:00:00') });
    const early = customer({ ownedSince: bj('2025-01-01T10:00:00'), lastFollowUpAt: null });
    expect(evaluatePoolRules([early], both, bj('2025-03-05T10:00:00')).moves[0]!.rule).toBe('no_follow_up');
  });
});

describe('candidateCutoff', () => {
  it('keeps exactly the customers that could move or be warned about', () => {
    const r = rules();
    const asOf = bj('2025-03-31T08:00:00');
    const cutoff = candidateCutoff(r, asOf)!;
    // due on 3 April (warned on 31 March) = follow-up on 4 March; 5 March is neither moved nor warned.
    expect(cutoff.toISOString()).toBe(bj('2025-03-05T00:00:00').toISOString());
    const at = (s: string) => customer({ lastFollowUpAt: bj(s), ownedSince: bj('2025-01-01T00:00:00') });
    expect(outcome(at('2025-03-04T23:59:59'), r, asOf)).toBe('warn');
    expect(outcome(at('2025-03-05T00:00:00'), r, asOf)).toBe('none');
  });
});
