import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { attainment, figures, type OwnerSums, rollUpQuotas, sumOwners } from './forecast.math.ts';

const row = (ownerId: string, p: Partial<OwnerSums>): OwnerSums => ({
  ownerId,
  closed: '0',
  closedCount: 0,
  weighted: '0',
  open: '0',
  openCount: 0,
  ...p,
});

describe('forecast arithmetic', () => {
  it('sums exactly and rounds once, half up, at the end', () => {
    // 0.10 + 0.20 is 0.3 exactly; three opportunities of 33.33 at 50 % weigh 49.995 → 50.00 (not 3 × 16.67 = 50.01).
    const rows = [
      row('a', { closed: '0.10', closedCount: 1, weighted: '1666.50', open: '33.33', openCount: 1 }),
      row('b', { closed: '0.20', closedCount: 1, weighted: '3333.00', open: '66.66', openCount: 2 }),
      row('c', { closed: '999.99', closedCount: 1 }),
    ];
    const t = sumOwners(rows, new Set(['a', 'b']));
    expect(figures(t, new Decimal('0.60'))).toEqual({
      quota: '0.60',
      closed: '0.30',
      closedCount: 2,
      expected: '50.00',
      best: '100.29',
      pipelineCount: 3,
      pipelineAmount: '99.99',
      attainment: '50.0',
    });
    expect(figures(sumOwners(rows), null)).toMatchObject({ closed: '1000.29', attainment: null, closedCount: 3 });
  });

  it('keeps 18-digit amounts exact', () => {
    const big = '9999999999999999.99';
    const t = sumOwners([row('a', { closed: big, closedCount: 1 }), row('b', { closed: big, closedCount: 1 })]);
    expect(figures(t, null).closed).toBe('19999999999999999.98');
    expect(figures(sumOwners([row('a', { weighted: '999999999999999999' })]), null).expected).toBe(
      '9999999999999999.99',
    );
  });

  it('gives attainment with one decimal, over 100 % too, and null without a positive quota', () => {
    expect(attainment('1', '3')).toBe('33.3');
    expect(attainment('2', '3')).toBe('66.7');
    expect(attainment('0.0005', '1')).toBe('0.1');
    expect(attainment('150000', '100000')).toBe('150.0');
    expect(attainment('0', '100')).toBe('0.0');
    expect(attainment('100', null)).toBeNull();
    expect(attainment('100', '0')).toBeNull();
  });

  it('an empty scope has zero figures', () => {
    expect(figures(sumOwners([]), null)).toEqual({
      quota: null,
      closed: '0.00',
      closedCount: 0,
      expected: '0.00',
      best: '0.00',
      pipelineCount: 0,
      pipelineAmount: '0.00',
      attainment: null,
    });
  });
});

describe('department quotas roll up the tree (explicit overrides sum)', () => {
  // root ─ sales ─ east (u3, u4)
  //      │       └ west (u5)
  //      └ (u1 in root), u2 in sales
  const org = {
    users: [
      { id: 'u1', departmentId: 'root', supervisorId: null },
      { id: 'u2', departmentId: 'sales', supervisorId: null },
      { id: 'u3', departmentId: 'east', supervisorId: 'u2' },
      { id: 'u4', departmentId: 'east', supervisorId: 'u2' },
      { id: 'u5', departmentId: 'west', supervisorId: 'u2' },
    ],
    departments: [
      { id: 'root', parentId: null, headUserId: null },
      { id: 'sales', parentId: 'root', headUserId: 'u2' },
      { id: 'east', parentId: 'sales', headUserId: null },
      { id: 'west', parentId: 'sales', headUserId: null },
    ],
  };
  const d = (m: Record<string, string>) => new Map(Object.entries(m).map(([k, v]) => [k, new Decimal(v)]));
  const show = (m: ReturnType<typeof rollUpQuotas>) =>
    Object.fromEntries(
      [...m].map(([k, v]) => [
        k,
        [v.explicit?.toFixed(2) ?? null, v.rolledUp?.toFixed(2) ?? null, v.effective?.toFixed(2) ?? null],
      ]),
    );

  it('sums people and sub-departments where nothing is set on the department', () => {
    const r = rollUpQuotas(org, d({ u3: '100', u4: '50.50', u5: '30', u2: '10' }), new Map());
    expect(show(r)).toEqual({
      root: [null, '190.50', '190.50'],
      sales: [null, '190.50', '190.50'],
      east: [null, '150.50', '150.50'],
      west: [null, '30.00', '30.00'],
    });
  });

  it('an explicit quota overrides the sum below it, and the parent uses the explicit one', () => {
    const r = rollUpQuotas(org, d({ u3: '100', u4: '50', u5: '30' }), d({ east: '200', root: '1000' }));
    expect(show(r)).toEqual({
      root: ['1000.00', '230.00', '1000.00'],
      sales: [null, '230.00', '230.00'],
      east: ['200.00', '150.00', '200.00'],
      west: [null, '30.00', '30.00'],
    });
  });

  it('no quota anywhere is null, not zero; cycles in bad data do not loop', () => {
    expect(show(rollUpQuotas(org, new Map(), new Map())).root).toEqual([null, null, null]);
    const cyclic = {
      users: [{ id: 'x', departmentId: 'a', supervisorId: null }],
      departments: [
        { id: 'a', parentId: 'b', headUserId: null },
        { id: 'b', parentId: 'a', headUserId: null },
      ],
    };
    const r = rollUpQuotas(cyclic, d({ x: '5' }), new Map());
    expect(r.get('a')?.effective?.toFixed(2)).toBe('5.00');
  });
});
