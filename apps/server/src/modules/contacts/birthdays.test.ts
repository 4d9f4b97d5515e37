import { describe, expect, it } from 'vitest';
import { chinaDate, monthDaysWithin, nextBirthday } from './birthdays.ts';

describe('birthday arithmetic', () => {
  it('reads the calendar date in China time', () => {
    expect(chinaDate(new Date('2025-12-31T16:30:00Z'))).toEqual({ y: 2026, m: 1, d: 1 });
  });

  it('wraps the window over the new year', () => {
    expect(monthDaysWithin({ y: 2025, m: 12, d: 29 }, 4)).toEqual(['12-29', '12-30', '12-31', '01-01', '01-02']);
    expect(nextBirthday('1990-01-02', { y: 2025, m: 12, d: 29 })).toEqual({ date: { y: 2026, m: 1, d: 2 }, inDays: 4 });
  });

  it('celebrates 29 February on 28 February in common years', () => {
    expect(monthDaysWithin({ y: 2025, m: 2, d: 27 }, 1)).toEqual(['02-27', '02-28', '02-29']);
    expect(nextBirthday('2000-02-29', { y: 2025, m: 2, d: 27 })).toEqual({ date: { y: 2025, m: 2, d: 28 }, inDays: 1 });
    expect(nextBirthday('2000-02-29', { y: 2028, m: 2, d: 27 })).toEqual({ date: { y: 2028, m: 2, d: 29 }, inDays: 2 });
    expect(monthDaysWithin({ y: 2028, m: 2, d: 28 }, 0)).toEqual(['02-28']);
    // After 28 Feb of a common year the next one is next year's (leap: the 29th).
    expect(nextBirthday('2000-02-29', { y: 2027, m: 3, d: 1 }).date).toEqual({ y: 2028, m: 2, d: 29 });
  });

  it('counts today as due', () => {
    expect(nextBirthday('1980-05-20', { y: 2025, m: 5, d: 20 }).inDays).toBe(0);
  });
});
