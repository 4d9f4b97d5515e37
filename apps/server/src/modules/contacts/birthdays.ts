/*
 * Birthday arithmetic for reminders (生日提醒), on calendar dates in China time. A 29 February birthday is
 * celebrated on 28 February in common years; windows wrap over the new year (Dec → Jan).
 */
export const TIME_ZONE = 'Asia/Shanghai';
const OFFSET = '+08:00';

export interface CalendarDate {
  y: number;
  m: number;
  d: number;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const pad = (n: number) => String(n).padStart(2, '0');
const dayNumber = ({ y, m, d }: CalendarDate) => Date.UTC(y, m - 1, d) / 86_400_000;

/** The calendar date of an instant in China time. */
export function chinaDate(at: Date): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => Object.assign(acc, { [p.type]: p.value }), {});
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day) };
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The date a birthday (month, day) falls on in a year: 29 Feb → 28 Feb in common years. */
function inYear(y: number, m: number, d: number): CalendarDate {
  return m === 2 && d === 29 && !isLeap(y) ? { y, m: 2, d: 28 } : { y, m, d };
}

/** The next birthday on or after `today`, and how many days away it is. */
export function nextBirthday(birthday: string, today: CalendarDate): { date: CalendarDate; inDays: number } {
  const [, m, d] = birthday.split('-').map(Number) as [number, number, number];
  let date = inYear(today.y, m, d);
  if (dayNumber(date) < dayNumber(today)) date = inYear(today.y + 1, m, d);
  return { date, inDays: dayNumber(date) - dayNumber(today) };
}

/**
 * The 'MM-DD' keys of birthdays that fall within [today, today + days]: every date of the window, plus
 * '02-29' when the window holds 28 February of a common year. A superset filter for SQL.
 */
export function monthDaysWithin(today: CalendarDate, days: number): string[] {
  const keys = new Set<string>();
  for (let i = 0; i <= days; i++) {
    const date = addDays(today, i);
    keys.add(`${pad(date.m)}-${pad(date.d)}`);
    if (date.m === 2 && date.d === 28 && !isLeap(date.y)) keys.add('02-29');
  }
  return [...keys];
}

/** Midnight China time of a calendar date, as an instant. */
export const startOfChinaDay = ({ y, m, d }: CalendarDate) => new Date(`${y}-${pad(m)}-${pad(d)}T00:00:00${OFFSET}`);
