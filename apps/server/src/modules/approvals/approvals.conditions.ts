// Evaluating a branch condition against a document's fields. Pure; decimals are compared exactly.
import Decimal from 'decimal.js';
import type { Condition, FieldCondition } from './approvals.flow.ts';

/** The fields of the document being routed, as its module hands them over (amounts as decimal strings). */
export type ApprovalDocument = Readonly<Record<string, unknown>>;

/**
 * A field holds a value of another type than the condition expects (text where an amount should be). That is a
 * broken flow or a module bug, never a reason to pick a cheaper branch, so routing stops with an error.
 */
export class FieldTypeMismatch extends Error {
  constructor(
    readonly field: string,
    readonly expected: FieldCondition['type'],
  ) {
    super(`approval condition field ${field} is not a ${expected}`);
  }
}

const DECIMAL_TEXT = /^[+-]?\d+(\.\d+)?$/;

/**
 * Does the condition hold for the document? An empty field (absent or null) satisfies no field condition, not
 * even `ne`: a condition speaks about a value that is there, and the flow's default branch catches the rest.
 */
export function matches(condition: Condition, document: ApprovalDocument): boolean {
  switch (condition.type) {
    case 'all':
      return condition.conditions.every((c) => matches(c, document));
    case 'any':
      return condition.conditions.some((c) => matches(c, document));
    default:
      return matchesField(condition, document);
  }
}

function matchesField(c: FieldCondition, document: ApprovalDocument): boolean {
  const raw = readField(document, c.field);
  if (raw === undefined || raw === null) return false;
  switch (c.type) {
    case 'decimal': {
      const v = asDecimal(raw, c.field);
      if (c.op === 'in') return c.values.some((x) => v.eq(x));
      if (c.op === 'between') return v.gte(c.min) && v.lte(c.max);
      return compare(v.cmp(c.value), c.op);
    }
    case 'string': {
      if (typeof raw !== 'string') throw new FieldTypeMismatch(c.field, 'string');
      if (c.op === 'in') return c.values.includes(raw);
      return c.op === 'eq' ? raw === c.value : raw !== c.value;
    }
    case 'boolean': {
      if (typeof raw !== 'boolean') throw new FieldTypeMismatch(c.field, 'boolean');
      return c.op === 'eq' ? raw === c.value : raw !== c.value;
    }
  }
}

function compare(cmp: number, op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'): boolean {
  switch (op) {
    case 'eq':
      return cmp === 0;
    case 'ne':
      return cmp !== 0;
    case 'gt':
      return cmp > 0;
    case 'gte':
      return cmp >= 0;
    case 'lt':
      return cmp < 0;
    case 'lte':
      return cmp <= 0;
  }
}

/** Amounts arrive as decimal strings from numeric columns; finite numbers are tolerated for computed fields. */
function asDecimal(raw: unknown, field: string): Decimal {
  if (typeof raw === 'number' && Number.isFinite(raw)) return new Decimal(raw);
  if (typeof raw === 'string' && DECIMAL_TEXT.test(raw.trim())) return new Decimal(raw.trim());
  throw new FieldTypeMismatch(field, 'decimal');
}

/** `custom.region` reads document.custom.region; only own properties, so `constructor` or `__proto__` find nothing. */
export function readField(document: ApprovalDocument, path: string): unknown {
  let at: unknown = document;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
