// Filtering lists on custom fields: SQL over a record's `custom` jsonb column. Equality and multiselect
// containment use `@>` (served by a GIN jsonb_path_ops index on the column); ranges compare the stored forms
// (decimal strings cast to numeric, dates as YYYY-MM-DD text).
import Decimal from 'decimal.js';
import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { invalidField } from '../../platform/errors/errors.ts';
import { cleanText, emailKey, escapeLike, phoneKey } from '../../platform/text/index.ts';
import type { CustomField } from './customfields.schemas.ts';

export type CustomFilterOp = 'eq' | 'in' | 'contains' | 'gte' | 'lte' | 'between' | 'empty' | 'notEmpty';

type Field = Pick<CustomField, 'key' | 'type'>;
type Column = AnyPgColumn | SQL;

const RANGE_TYPES = new Set(['number', 'money', 'date']);
const DECIMAL = /^-?\d+(\.\d+)?$/;

const contains = (column: Column, key: string, value: unknown) =>
  sql`${column} @> ${JSON.stringify({ [key]: value })}::jsonb`;

/** The stored form of one comparison value (same rules as validateCustomValues, without the lookups). */
function stored(field: Field, raw: string): string {
  const v = cleanText(raw);
  const bad = () => invalidField(`custom.${field.key}`, 'field.invalid_type');
  switch (field.type) {
    case 'number':
    case 'money': {
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v.replace(/,/g, ''))) throw bad();
      const d = new Decimal(v.replace(/,/g, ''));
      return field.type === 'money' ? d.toFixed(2) : d.toFixed();
    }
    case 'date': {
      const m = v.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/);
      if (!m) throw bad();
      return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    }
    case 'phone':
      return phoneKey(v) ?? '';
    case 'email':
      return emailKey(v) ?? '';
    case 'user':
    case 'attachment':
      return v.toLowerCase();
    default:
      return v;
  }
}

function numeric(column: Column, key: string): SQL {
  const value = sql`(${column} ->> ${key})`;
  return sql`(CASE WHEN ${value} ~ ${DECIMAL.source} THEN ${value}::numeric END)`;
}

function compare(column: Column, field: Field, op: '>=' | '<=', raw: string): SQL {
  const v = stored(field, raw);
  if (field.type === 'date') return sql`(${column} ->> ${field.key}) ${sql.raw(op)} ${v}`;
  return sql`${numeric(column, field.key)} ${sql.raw(op)} ${v}::numeric`;
}

/**
 * SQL for one condition on a custom field, for the lists of records carrying a `custom` jsonb column:
 * - eq: the value equals (multiselect: includes it); in: equals any of the values;
 * - contains: text and phone/e-mail substring (ILIKE), multiselect includes every value;
 * - gte / lte / between [from, to]: number, money and date ranges (either end may be empty);
 * - empty / notEmpty: no value / some value.
 * A value that cannot be a value of the field → 400 on 'custom.<key>'.
 */
export function customFieldCondition(column: Column, field: Field, op: CustomFilterOp, value?: unknown): SQL {
  const { key, type } = field;
  const list = (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined && v !== null && v !== '');
  const values = list.map((v) => stored(field, String(v)));
  const invalid = () => invalidField(`custom.${key}`, 'field.invalid_option');
  switch (op) {
    case 'empty':
      return sql`(${column} -> ${key}) IS NULL`;
    case 'notEmpty':
      return sql`(${column} -> ${key}) IS NOT NULL`;
    case 'eq':
    case 'in': {
      if (!values.length) throw invalid();
      const one = (v: string) => (type === 'multiselect' ? contains(column, key, [v]) : contains(column, key, v));
      return values.length === 1 ? one(values[0]!) : sql`(${sql.join(values.map(one), sql` OR `)})`;
    }
    case 'contains': {
      if (!values.length) throw invalid();
      if (type === 'multiselect') return contains(column, key, values);
      if (RANGE_TYPES.has(type) || type === 'select' || type === 'user' || type === 'attachment') throw invalid();
      return sql`(${column} ->> ${key}) ILIKE ${`%${escapeLike(values[0]!)}%`}`;
    }
    case 'gte':
    case 'lte':
    case 'between': {
      if (!RANGE_TYPES.has(type)) throw invalid();
      const [from, to] =
        op === 'between' ? (Array.isArray(value) ? value : []) : op === 'gte' ? [value, undefined] : [undefined, value];
      const parts = [
        from !== undefined && from !== null && from !== '' ? compare(column, field, '>=', String(from)) : undefined,
        to !== undefined && to !== null && to !== '' ? compare(column, field, '<=', String(to)) : undefined,
      ].filter((p): p is SQL => !!p);
      if (!parts.length) throw invalid();
      return sql.join(parts, sql` AND `);
    }
  }
}

/**
 * A list query parameter `custom.<key>=<raw>` as a condition, so every list reads them the same way:
 * number / money / date "a..b", "a..", "..b" (a range) or "a" (equal); select "a,b" (any of);
 * multiselect "a,b" (has all); text, phone and e-mail a substring; user / attachment an id;
 * "!" alone = no value, "*" alone = any value.
 */
export function customFilterFromQuery(column: Column, field: Field, raw: string): SQL {
  const v = raw.trim();
  if (v === '!') return customFieldCondition(column, field, 'empty');
  if (v === '*') return customFieldCondition(column, field, 'notEmpty');
  switch (field.type) {
    case 'number':
    case 'money':
    case 'date': {
      const range = v.split('..');
      if (range.length === 2) return customFieldCondition(column, field, 'between', range);
      return customFieldCondition(column, field, 'eq', v);
    }
    case 'select':
      return customFieldCondition(column, field, 'in', v.split(','));
    case 'multiselect':
      return customFieldCondition(column, field, 'contains', v.split(','));
    case 'text':
    case 'phone':
    case 'email':
      return customFieldCondition(column, field, 'contains', v);
    default:
      return customFieldCondition(column, field, 'eq', v);
  }
}
