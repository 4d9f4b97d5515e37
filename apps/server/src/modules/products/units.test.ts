import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  convertQuantity,
  factorOf,
  formatDecimal,
  formatMoney,
  hasUnit,
  lineAmount,
  type ProductUnits,
  priceLine,
  roundMoney,
  toBaseQuantity,
  UnitError,
  unitNames,
  unitPrice,
} from './units.ts';

/** 1 箱 = 24 袋, 1 盒 = 0.5 箱 = 12 袋; the 箱 has its own (discounted) price. */
const noodles: ProductUnits = {
  baseUnit: '袋',
  price: '2.50',
  units: [
    { name: '箱', factor: '24', price: '55.00' },
    { name: '盒', factor: '12', price: null },
  ],
};
/** Base kg; 1 斤 = 0.5 kg, 1 两 = 0.05 kg (non-integer factors). */
const rice: ProductUnits = {
  baseUnit: 'kg',
  price: '6.38',
  units: [
    { name: '斤', factor: '0.5' },
    { name: '两', factor: '0.05' },
    { name: '吨', factor: '1000', price: '6000.00' },
  ],
};

const s = (d: Decimal | null) => (d === null ? null : d.toFixed());

describe('unit conversion', () => {
  it('names the units, base first, and knows its own', () => {
    expect(unitNames(noodles)).toEqual(['袋', '箱', '盒']);
    expect(hasUnit(noodles, ' 箱 ')).toBe(true);
    expect(hasUnit(rice, 'KG')).toBe(true);
    expect(hasUnit(noodles, '瓶')).toBe(false);
    expect(s(factorOf(noodles, '袋'))).toBe('1');
    expect(s(factorOf(noodles, '箱'))).toBe('24');
  });

  it('converts between any two units exactly', () => {
    expect(s(toBaseQuantity(noodles, '3', '箱'))).toBe('72');
    expect(s(convertQuantity(noodles, '72', '袋', '箱'))).toBe('3');
    expect(s(convertQuantity(noodles, '1', '盒', '箱'))).toBe('0.5');
    expect(s(convertQuantity(noodles, '3', '箱', '盒'))).toBe('6');
    expect(s(convertQuantity(noodles, '2.5', '箱', '袋'))).toBe('60');
    expect(s(convertQuantity(noodles, '7', '袋', '袋'))).toBe('7');
  });

  it('handles non-integer factors (1 斤 = 0.5 kg) without floating-point drift', () => {
    expect(s(convertQuantity(rice, '1', 'kg', '斤'))).toBe('2');
    expect(s(convertQuantity(rice, '3', '斤', 'kg'))).toBe('1.5');
    expect(s(convertQuantity(rice, '0.3', 'kg', '两'))).toBe('6');
    expect(s(convertQuantity(rice, '1', '两', '斤'))).toBe('0.1');
    expect(s(convertQuantity(rice, '0.1', '斤', '两'))).toBe('1');
    // 0.1 + 0.2 style traps: 3 × 0.1 斤 is exactly 0.15 kg.
    expect(s(convertQuantity(rice, '0.3', '斤', 'kg'))).toBe('0.15');
    expect(s(convertQuantity(rice, '1.2345', '吨', '斤'))).toBe('2469');
  });

  it('rounds a result to 4 decimals half up, symmetrically for negatives', () => {
    expect(s(convertQuantity(noodles, '5', '袋', '箱'))).toBe('0.2083'); // 0.208333…
    expect(s(convertQuantity(noodles, '1', '袋', '箱'))).toBe('0.0417'); // 0.041666…
    expect(s(convertQuantity(rice, '0.00001', '斤', 'kg'))).toBe('0'); // 0.000005 → 0.0000
    expect(s(convertQuantity(rice, '0.0001', '斤', 'kg'))).toBe('0.0001'); // 0.00005 → 0.0001
    expect(s(convertQuantity(rice, '-0.0001', '斤', 'kg'))).toBe('-0.0001');
    expect(s(convertQuantity(noodles, '-5', '袋', '箱'))).toBe('-0.2083');
  });

  it('refuses to round when asked for an exact conversion', () => {
    expect(() => convertQuantity(noodles, '5', '袋', '箱', { exact: true })).toThrow(UnitError);
    try {
      convertQuantity(noodles, '5', '袋', '箱', { exact: true });
    } catch (e) {
      expect(e).toMatchObject({ code: 'products.inexact_conversion', params: { quantity: '5', from: '袋', to: '箱' } });
    }
    expect(s(convertQuantity(noodles, '48', '袋', '箱', { exact: true }))).toBe('2');
    expect(s(toBaseQuantity(rice, '0.0001', '斤', { exact: false }))).toBe('0.0001');
    expect(() => toBaseQuantity(rice, '0.0001', '斤', { exact: true })).toThrow(UnitError);
  });

  it('refuses unknown units, naming the ones it knows', () => {
    expect(() => convertQuantity(noodles, '1', '瓶', '袋')).toThrow(UnitError);
    expect(() => convertQuantity(noodles, '1', '袋', '')).toThrow(UnitError);
    try {
      unitPrice(noodles, '件');
    } catch (e) {
      expect(e).toBeInstanceOf(UnitError);
      expect((e as UnitError).code).toBe('products.unknown_unit');
      expect((e as UnitError).params).toEqual({ unit: '件', units: '袋、箱、盒' });
    }
  });

  it('accepts Decimals and numbers as well as strings', () => {
    expect(s(convertQuantity(noodles, new Decimal('0.5'), '箱', '袋'))).toBe('12');
    expect(s(convertQuantity(rice, 3, '斤', 'kg'))).toBe('1.5');
  });
});

describe('prices', () => {
  it('uses a unit’s own price, else derives base price × factor, rounded to fen', () => {
    expect(s(unitPrice(noodles, '袋'))).toBe('2.5');
    expect(s(unitPrice(noodles, '箱'))).toBe('55');
    expect(s(unitPrice(noodles, '盒'))).toBe('30');
    expect(formatMoney(unitPrice(rice, '斤')!)).toBe('3.19');
    expect(formatMoney(unitPrice(rice, '两')!)).toBe('0.32'); // 0.319 → 0.32
    expect(formatMoney(unitPrice(rice, '吨')!)).toBe('6000.00');
  });

  it('has no price when the product has none, unless the unit has its own', () => {
    const quoted: ProductUnits = { baseUnit: '台', price: null, units: [{ name: '套', factor: '2', price: '999.90' }] };
    expect(unitPrice(quoted, '台')).toBeNull();
    expect(formatMoney(unitPrice(quoted, '套')!)).toBe('999.90');
    expect(priceLine(quoted, '1', '台')).toBeNull();
  });

  it('prices a line in its own unit: 金额 = round(数量 × 单价), half up', () => {
    const line = priceLine(noodles, '3', '箱')!;
    expect(formatMoney(line.unitPrice)).toBe('55.00');
    expect(formatMoney(line.amount)).toBe('165.00');
    expect(formatMoney(priceLine(rice, '2.5', '斤')!.amount)).toBe('7.98'); // 2.5 × 3.19 = 7.975 → 7.98
    expect(formatMoney(priceLine(rice, '0.333', 'kg')!.amount)).toBe('2.12'); // 2.12454
    expect(formatMoney(lineAmount('3', '0.335'))).toBe('1.01'); // 1.005 → 1.01, not 1.00 as binary floats give
    expect(formatMoney(lineAmount('-1', '1.005'))).toBe('-1.01');
    expect(() => priceLine(noodles, '1', '瓶')).toThrow(UnitError);
  });

  it('rounds money to two decimals and formats decimals plainly', () => {
    expect(roundMoney('1.005').toFixed(2)).toBe('1.01');
    expect(roundMoney('2.675').toFixed(2)).toBe('2.68');
    expect(formatMoney('60')).toBe('60.00');
    expect(formatDecimal('24.000000')).toBe('24');
    expect(formatDecimal('0.500000')).toBe('0.5');
    expect(formatDecimal('123456789012.5')).toBe('123456789012.5');
  });
});
