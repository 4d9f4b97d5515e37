import { describe, expect, it } from 'vitest';
import { computeTotals, type LineInput, QuoteTotalsError, quoteNeedsApproval } from './quotes.totals.ts';

const line = (quantity: string, unitPrice: string, discountRate = '0', taxRate = '13'): LineInput => ({
  quantity,
  unitPrice,
  discountRate,
  taxRate,
});

describe('computeTotals', () => {
  it('computes one plain line: 3 × 60.00 at 13 %', () => {
    const t = computeTotals([line('3', '60.00')]);
    expect(t).toMatchObject({
      subtotal: '180.00',
      discountTotal: '0.00',
      amountExclTax: '180.00',
      tax: '23.40',
      total: '203.40',
    });
    expect(t.lines[0]).toEqual({
      gross: '180.00',
      discount: '0.00',
      extraDiscount: '0.00',
      net: '180.00',
      tax: '23.40',
      total: '203.40',
    });
  });

  it('rounds half up at 0.005 per line, then sums the rounded lines', () => {
    // 0.5 × 0.01 = 0.005 → 0.01 (not banker's 0.00); three such lines sum to 0.03, not round(0.015) = 0.02.
    const t = computeTotals([
      line('0.5', '0.01', '0', '0'),
      line('0.5', '0.01', '0', '0'),
      line('0.5', '0.01', '0', '0'),
    ]);
    expect(t.lines.map((l) => l.gross)).toEqual(['0.01', '0.01', '0.01']);
    expect(t.subtotal).toBe('0.03');
    // Discount 12.5 % of 0.20 = 0.025 → 0.03; tax 6 % of 0.17 = 0.0102 → 0.01.
    const d = computeTotals([line('1', '0.20', '12.5', '6')]);
    expect(d.lines[0]).toMatchObject({ discount: '0.03', net: '0.17', tax: '0.01', total: '0.18' });
    // Tax 13 % of 1.50 = 0.195 → 0.20; 9 % of 0.50 = 0.045 → 0.05.
    expect(computeTotals([line('1', '1.50')]).tax).toBe('0.20');
    expect(computeTotals([line('1', '0.50', '0', '9')]).tax).toBe('0.05');
  });

  it('is exact where floating point is not (0.1 + 0.2, 1.005)', () => {
    const t = computeTotals([line('1', '0.10', '0', '0'), line('1', '0.20', '0', '0')]);
    expect(t.total).toBe('0.30');
    // 1.005 × 1 stays 1.01 after rounding (a float would give 1.00).
    expect(computeTotals([line('1.005', '1.00', '0', '0')]).subtotal).toBe('1.01');
  });

  it('gives zero for a 100 % discount and no tax on it', () => {
    const t = computeTotals([line('2', '99.99', '100', '13'), line('1', '10.00', '0', '13')]);
    expect(t.lines[0]).toMatchObject({ gross: '199.98', discount: '199.98', net: '0.00', tax: '0.00', total: '0.00' });
    expect(t).toMatchObject({ subtotal: '209.98', discountTotal: '199.98', amountExclTax: '10.00', tax: '1.30' });
    expect(t.total).toBe('11.30');
  });

  it('handles zero tax and mixed rates (13, 9, 6, 0)', () => {
    const t = computeTotals([
      line('1', '100.00', '0', '13'),
      line('1', '100.00', '0', '9'),
      line('1', '100.00', '0', '6'),
      line('1', '100.00', '0', '0'),
    ]);
    expect(t.lines.map((l) => l.tax)).toEqual(['13.00', '9.00', '6.00', '0.00']);
    expect(t).toMatchObject({ subtotal: '400.00', tax: '28.00', total: '428.00' });
  });

  it('spreads the extra discount over the lines so the shares add up exactly', () => {
    // 100 / 3 cannot be split evenly: 33.33 + 33.33 + 33.34.
    const t = computeTotals([line('1', '100.00'), line('1', '100.00'), line('1', '100.00')], '100.00');
    expect(t.lines.map((l) => l.extraDiscount)).toEqual(['33.33', '33.33', '33.34']);
    expect(t).toMatchObject({ extraDiscount: '100.00', discountTotal: '100.00', amountExclTax: '200.00' });
    // Tax per line on the net after the share: 66.67 × 13 % = 8.6671 → 8.67 twice, 66.66 × 13 % = 8.6658 → 8.67.
    expect(t.lines.map((l) => l.tax)).toEqual(['8.67', '8.67', '8.67']);
    expect(t.tax).toBe('26.01');
    expect(t.total).toBe('226.01');
  });

  it('skips lines with nothing left when spreading, and refuses an extra discount above the amount', () => {
    const t = computeTotals([line('1', '50.00', '0', '0'), line('1', '50.00', '100', '0')], '10');
    expect(t.lines.map((l) => l.extraDiscount)).toEqual(['10.00', '0.00']);
    expect(t.total).toBe('40.00');
    expect(() => computeTotals([line('1', '50.00')], '50.01')).toThrow(QuoteTotalsError);
    expect(computeTotals([line('1', '50.00', '0', '0')], '50.00').total).toBe('0.00');
    expect(computeTotals([], '0').total).toBe('0.00');
    expect(() => computeTotals([], '0.01')).toThrow(QuoteTotalsError);
  });

  it('refuses rates outside 0–100', () => {
    expect(() => computeTotals([line('1', '1', '100.01')])).toThrow(QuoteTotalsError);
    expect(() => computeTotals([line('1', '1', '0', '-1')])).toThrow(QuoteTotalsError);
  });

  it('sums many lines exactly (500 lines of 0.333 × 3.33 at 13 %)', () => {
    const lines = Array.from({ length: 500 }, () => line('0.333', '3.33'));
    const t = computeTotals(lines);
    // Each line: 1.10889 → 1.11; tax 0.1443 → 0.14; 500 × 1.11 = 555.00, 500 × 0.14 = 70.00.
    expect(t).toMatchObject({ subtotal: '555.00', tax: '70.00', total: '625.00' });
    const big = computeTotals([line('99999999.9999', '99999.99', '0', '13')]);
    // (1e8 − 0.0001) × (1e5 − 0.01) = 9999998999990.000001 → 9999998999990.00
    expect(big.subtotal).toBe('9999998999990.00');
  });

  it('keeps amountExclTax + tax = total and subtotal − discounts = amountExclTax', () => {
    const t = computeTotals(
      [line('7', '13.57', '3.33', '13'), line('2.5', '401.10', '15', '9'), line('11', '0.99', '0', '6')],
      '12.34',
    );
    const sum = (k: 'gross' | 'net' | 'tax' | 'total') =>
      t.lines.reduce((s, l) => s + Math.round(Number(l[k]) * 100), 0);
    expect(sum('gross')).toBe(Math.round(Number(t.subtotal) * 100));
    expect(sum('net')).toBe(Math.round(Number(t.amountExclTax) * 100));
    expect(sum('tax')).toBe(Math.round(Number(t.tax) * 100));
    expect(sum('total')).toBe(Math.round(Number(t.total) * 100));
  });
});

describe('quoteNeedsApproval', () => {
  const settings = { discountThreshold: '20' };
  it('is false at the threshold and true past it, per line', () => {
    expect(quoteNeedsApproval({ lines: [{ discountRate: '20' }], extraDiscount: '0' }, settings)).toBe(false);
    expect(quoteNeedsApproval({ lines: [{ discountRate: '20.01' }], extraDiscount: '0' }, settings)).toBe(true);
    expect(
      quoteNeedsApproval({ lines: [{ discountRate: '5' }], extraDiscount: '0' }, { discountThreshold: '4.5' }),
    ).toBe(true);
  });

  it('compares the extra discount with the amount after line discounts', () => {
    const lines = [line('1', '100.00', '10', '13')];
    const atLimit = computeTotals(lines, '18.00'); // 18 / 90 = 20 %
    expect(quoteNeedsApproval({ lines, extraDiscount: '18.00', totals: atLimit }, settings)).toBe(false);
    const past = computeTotals(lines, '18.01');
    expect(quoteNeedsApproval({ lines, extraDiscount: '18.01', totals: past }, settings)).toBe(true);
  });
});
