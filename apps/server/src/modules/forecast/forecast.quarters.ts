/*
 * Fiscal quarters (财年季度). A tenant's fiscal year starts on the 1st of month N (settings:
 * fiscalYearStartMonth, 1–12, default 1 = the calendar year). A fiscal year is named after the calendar year in
 * which it STARTS: with N = 4, 2026财年 runs from 2026-04-01 to 2027-03-31, and its Q4 (Jan–Mar 2027) spans the
 * calendar new year. Dates are plain calendar dates (YYYY-MM-DD) of the company's day (Asia/Shanghai); ranges
 * are [start, end): inclusive start, exclusive end. Pure functions, unit-tested in forecast.quarters.test.ts.
 */

export interface FiscalQuarter {
  fiscalYear: number;
  quarter: 1 | 2 | 3 | 4;
}

export interface QuarterRange extends FiscalQuarter {
  /** First day of the quarter (inclusive), YYYY-MM-DD. */
  start: string;
  /** First day after the quarter (exclusive), YYYY-MM-DD. */
  end: string;
  /** The key used in URLs: "2026Q1". */
  key: string;
  /** "2026财年 Q1" (zh-CN) or "FY2026 Q1" (en). */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function checkMonth(startMonth: number): void {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new RangeError(`fiscal year start month must be 1–12, got ${startMonth}`);
  }
}

/** Months since year 0 of (year, month 1–12): makes quarter arithmetic across years plain integer arithmetic. */
const monthIndex = (year: number, month: number) => year * 12 + (month - 1);
const fromMonthIndex = (i: number) => ({ year: Math.floor(i / 12), month: (i % 12) + 1 });

/** The fiscal quarter a calendar date (YYYY-MM-DD, or the parts) falls in. */
export function fiscalQuarterOf(date: string, startMonth: number): FiscalQuarter {
  checkMonth(startMonth);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  // Months elapsed since the start of the fiscal year named `year`.
  const offset = monthIndex(year, month) - monthIndex(year, startMonth);
  const fiscalYear = offset >= 0 ? year : year - 1;
  const within = offset >= 0 ? offset : offset + 12;
  return { fiscalYear, quarter: (Math.floor(within / 3) + 1) as FiscalQuarter['quarter'] };
}

/** The days of a fiscal quarter: [start, end). */
export function quarterRange(q: FiscalQuarter, startMonth: number, locale: 'zh-CN' | 'en' = 'zh-CN'): QuarterRange {
  checkMonth(startMonth);
  const first = monthIndex(q.fiscalYear, startMonth) + (q.quarter - 1) * 3;
  const s = fromMonthIndex(first);
  const e = fromMonthIndex(first + 3);
  return {
    ...q,
    start: `${s.year}-${pad(s.month)}-01`,
    end: `${e.year}-${pad(e.month)}-01`,
    key: quarterKey(q),
    label: quarterLabel(q, locale),
  };
}

export const quarterKey = (q: FiscalQuarter) => `${q.fiscalYear}Q${q.quarter}`;

export function quarterLabel(q: FiscalQuarter, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return locale === 'en' ? `FY${q.fiscalYear} Q${q.quarter}` : `${q.fiscalYear}财年 Q${q.quarter}`;
}

/** "2026Q1" → { fiscalYear: 2026, quarter: 1 }; undefined when malformed. */
export function parseQuarterKey(key: string): FiscalQuarter | undefined {
  const m = /^(\d{4})Q([1-4])$/.exec(key);
  if (!m) return undefined;
  return { fiscalYear: Number(m[1]), quarter: Number(m[2]) as FiscalQuarter['quarter'] };
}

/** The quarter n quarters after q (n may be negative). */
export function shiftQuarter(q: FiscalQuarter, n: number): FiscalQuarter {
  const i = q.fiscalYear * 4 + (q.quarter - 1) + n;
  return { fiscalYear: Math.floor(i / 4), quarter: ((((i % 4) + 4) % 4) + 1) as FiscalQuarter['quarter'] };
}

/** Today's date in Asia/Shanghai (UTC+8, no daylight saving), YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The instant a Shanghai calendar day starts, for comparing timestamps (the won date) with a quarter range. */
export const dayStartInstant = (date: string) => new Date(`${date}T00:00:00+08:00`);
