import { describe, expect, it } from 'vitest';
import {
  dayStartInstant,
  fiscalQuarterOf,
  parseQuarterKey,
  quarterLabel,
  quarterRange,
  shanghaiToday,
  shiftQuarter,
} from './forecast.quarters.ts';

describe('fiscal quarters', () => {
  it('follows the calendar year when the fiscal year starts in January', () => {
    expect(fiscalQuarterOf('2026-01-01', 1)).toEqual({ fiscalYear: 2026, quarter: 1 });
    expect(fiscalQuarterOf('2026-03-31', 1)).toEqual({ fiscalYear: 2026, quarter: 1 });
    expect(fiscalQuarterOf('2026-04-01', 1)).toEqual({ fiscalYear: 2026, quarter: 2 });
    expect(fiscalQuarterOf('2026-12-31', 1)).toEqual({ fiscalYear: 2026, quarter: 4 });
    expect(quarterRange({ fiscalYear: 2026, quarter: 4 }, 1)).toMatchObject({
      start: '2026-10-01',
      end: '2027-01-01',
      key: '2026Q4',
      label: '2026财年 Q4',
    });
  });

  it('names a fiscal year starting in April after the year it starts in; its Q4 spans the new year', () => {
    expect(fiscalQuarterOf('2026-04-01', 4)).toEqual({ fiscalYear: 2026, quarter: 1 });
    expect(fiscalQuarterOf('2026-03-31', 4)).toEqual({ fiscalYear: 2025, quarter: 4 });
    expect(fiscalQuarterOf('2026-12-31', 4)).toEqual({ fiscalYear: 2026, quarter: 3 });
    expect(fiscalQuarterOf('2027-01-01', 4)).toEqual({ fiscalYear: 2026, quarter: 4 });
    expect(fiscalQuarterOf('2027-03-31', 4)).toEqual({ fiscalYear: 2026, quarter: 4 });
    expect(fiscalQuarterOf('2027-04-01', 4)).toEqual({ fiscalYear: 2027, quarter: 1 });
    const q4 = quarterRange({ fiscalYear: 2026, quarter: 4 }, 4);
    expect([q4.start, q4.end, q4.label]).toEqual(['2027-01-01', '2027-04-01', '2026财年 Q4']);
    expect(quarterRange({ fiscalYear: 2026, quarter: 3 }, 4)).toMatchObject({ start: '2026-10-01', end: '2027-01-01' });
    expect(quarterRange({ fiscalYear: 2026, quarter: 1 }, 4, 'en').label).toBe('FY2026 Q1');
  });

  it('handles a fiscal year starting in December and in October (leap day included)', () => {
    expect(fiscalQuarterOf('2026-11-30', 12)).toEqual({ fiscalYear: 2025, quarter: 4 });
    expect(fiscalQuarterOf('2026-12-01', 12)).toEqual({ fiscalYear: 2026, quarter: 1 });
    expect(fiscalQuarterOf('2028-02-29', 12)).toEqual({ fiscalYear: 2027, quarter: 1 });
    expect(quarterRange({ fiscalYear: 2027, quarter: 1 }, 12)).toMatchObject({
      start: '2027-12-01',
      end: '2028-03-01',
    });
    expect(fiscalQuarterOf('2026-09-30', 10)).toEqual({ fiscalYear: 2025, quarter: 4 });
    expect(quarterRange({ fiscalYear: 2025, quarter: 4 }, 10)).toMatchObject({
      start: '2026-07-01',
      end: '2026-10-01',
    });
  });

  it('maps every day of a year into the quarter whose range holds it, for every start month', () => {
    for (let m = 1; m <= 12; m++) {
      for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        const r = quarterRange(fiscalQuarterOf(day, m), m);
        expect(r.start <= day && day < r.end, `${day} / ${m}: ${r.start}..${r.end}`).toBe(true);
      }
    }
  });

  it('parses keys, shifts across fiscal years, refuses bad input', () => {
    expect(parseQuarterKey('2026Q1')).toEqual({ fiscalYear: 2026, quarter: 1 });
    expect(parseQuarterKey('2026Q5')).toBeUndefined();
    expect(parseQuarterKey('2026-Q1')).toBeUndefined();
    expect(shiftQuarter({ fiscalYear: 2026, quarter: 1 }, -1)).toEqual({ fiscalYear: 2025, quarter: 4 });
    expect(shiftQuarter({ fiscalYear: 2026, quarter: 2 }, -3)).toEqual({ fiscalYear: 2025, quarter: 3 });
    expect(shiftQuarter({ fiscalYear: 2026, quarter: 4 }, 1)).toEqual({ fiscalYear: 2027, quarter: 1 });
    expect(quarterLabel({ fiscalYear: 2026, quarter: 2 })).toBe('2026财年 Q2');
    expect(() => fiscalQuarterOf('2026-01-01', 13)).toThrow(RangeError);
    expect(() => quarterRange({ fiscalYear: 2026, quarter: 1 }, 0)).toThrow(RangeError);
  });

  it('reads days in Asia/Shanghai', () => {
    expect(shanghaiToday(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(shanghaiToday(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(dayStartInstant('2026-04-01').toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });
});
