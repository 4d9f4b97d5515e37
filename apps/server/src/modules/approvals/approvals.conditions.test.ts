import { describe, expect, it } from 'vitest';
import { FieldTypeMismatch, matches, readField } from './approvals.conditions.ts';
import type { Condition, DecimalCondition } from './approvals.flow.ts';

const amount = (op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte', value: string): DecimalCondition => ({
  type: 'decimal',
  field: 'amount',
  op,
  value,
});

describe('decimal conditions', () => {
  it('compare exactly at the boundary, whatever the scale: 10000.00 is 10000', () => {
    const at = (value: string) => ({ amount: value });
    expect(matches(amount('gt', '10000'), at('10000.00'))).toBe(false);
    expect(matches(amount('gt', '10000'), at('10000.01'))).toBe(true);
    expect(matches(amount('gte', '10000'), at('10000.00'))).toBe(true);
    expect(matches(amount('gte', '10000.00'), at('10000'))).toBe(true);
    expect(matches(amount('gte', '10000'), at('9999.99'))).toBe(false);
    expect(matches(amount('lt', '10000'), at('10000.00'))).toBe(false);
    expect(matches(amount('lte', '10000'), at('10000.000000'))).toBe(true);
    expect(matches(amount('eq', '10000'), at('10000.00'))).toBe(true);
    expect(matches(amount('ne', '10000'), at('10000.00'))).toBe(false);
  });

  it('do not suffer binary floating point: 0.1 + 0.2 style values and amounts past 2^53', () => {
    expect(matches(amount('eq', '0.3'), { amount: '0.30' })).toBe(true);
    expect(matches(amount('gt', '9007199254740992'), { amount: '9007199254740993' })).toBe(true);
    expect(matches(amount('gt', '100000000000000.00'), { amount: '100000000000000.01' })).toBe(true);
  });

  it('accept negative amounts and finite numbers, and trim stray spaces', () => {
    expect(matches(amount('lt', '0'), { amount: '-0.01' })).toBe(true);
    expect(matches(amount('gte', '10000'), { amount: 10000 })).toBe(true);
    expect(matches(amount('gte', '10000'), { amount: ' 10000.00 ' })).toBe(true);
  });

  it('in compares each value exactly; between includes both ends', () => {
    const inList: Condition = { type: 'decimal', field: 'amount', op: 'in', values: ['100', '200.5'] };
    expect(matches(inList, { amount: '200.50' })).toBe(true);
    expect(matches(inList, { amount: '200.51' })).toBe(false);
    const range: Condition = { type: 'decimal', field: 'amount', op: 'between', min: '10000', max: '50000' };
    expect(matches(range, { amount: '10000.00' })).toBe(true);
    expect(matches(range, { amount: '50000.00' })).toBe(true);
    expect(matches(range, { amount: '9999.99' })).toBe(false);
    expect(matches(range, { amount: '50000.01' })).toBe(false);
  });

  it('stop routing on a value that is no amount rather than pick a branch by accident', () => {
    for (const bad of ['1e5', '10,000', 'abc', true, Number.NaN, Number.POSITIVE_INFINITY, {}]) {
      expect(() => matches(amount('gt', '0'), { amount: bad })).toThrow(FieldTypeMismatch);
    }
  });
});

describe('string, boolean and grouped conditions', () => {
  it('strings compare exactly (case and spaces count)', () => {
    const region: Condition = { type: 'string', field: 'region', op: 'in', values: ['华东', '华南'] };
    expect(matches(region, { region: '华东' })).toBe(true);
    expect(matches(region, { region: '华东 ' })).toBe(false);
    expect(matches({ type: 'string', field: 'method', op: 'ne', value: 'cash' }, { method: 'Cash' })).toBe(true);
    expect(() => matches(region, { region: 1 })).toThrow(FieldTypeMismatch);
  });

  it('booleans', () => {
    const isNew: Condition = { type: 'boolean', field: 'isNewCustomer', op: 'eq', value: true };
    expect(matches(isNew, { isNewCustomer: true })).toBe(true);
    expect(matches({ ...isNew, op: 'ne' }, { isNewCustomer: false })).toBe(true);
    expect(() => matches(isNew, { isNewCustomer: 'true' })).toThrow(FieldTypeMismatch);
  });

  it('an empty field satisfies no condition, not even ne', () => {
    for (const doc of [{}, { amount: null }, { amount: undefined }]) {
      expect(matches(amount('ne', '0'), doc)).toBe(false);
      expect(matches(amount('gte', '0'), doc)).toBe(false);
    }
  });

  it('all-of and any-of groups nest', () => {
    const when: Condition = {
      type: 'all',
      conditions: [
        amount('gte', '10000'),
        {
          type: 'any',
          conditions: [
            { type: 'string', field: 'custom.region', op: 'eq', value: '华东' },
            { type: 'boolean', field: 'isNewCustomer', op: 'eq', value: true },
          ],
        },
      ],
    };
    expect(matches(when, { amount: '10000', custom: { region: '华东' } })).toBe(true);
    expect(matches(when, { amount: '10000', isNewCustomer: true })).toBe(true);
    expect(matches(when, { amount: '10000', custom: { region: '华北' }, isNewCustomer: false })).toBe(false);
    expect(matches(when, { amount: '9999', custom: { region: '华东' } })).toBe(false);
  });
});

describe('readField', () => {
  it('follows dotted paths through own properties only', () => {
    expect(readField({ custom: { region: '华东' } }, 'custom.region')).toBe('华东');
    expect(readField({ custom: null }, 'custom.region')).toBeUndefined();
    expect(readField({}, 'constructor')).toBeUndefined();
    expect(readField({ a: 'text' }, 'a.length')).toBeUndefined();
  });
});
