// One file row → a customer input checked exactly like POST /api/v1/customers checks it (zod schema, credit
// code checksum); custom values are checked afterwards by the custom-fields module. Pure: no database.
import type { z } from 'zod';
import { type Locale, translate } from '../../platform/i18n/i18n.ts';
import { cleanText, normalizeWidth, validateCreditCode } from '../../platform/text/index.ts';
import { normalisePhone } from '../customers/customers.normalise.ts';
import { type CreateCustomer, createCustomerBody } from '../customers/customers.schemas.ts';
import type { CustomField } from '../customfields/index.ts';
import { FIELD_LABELS, isStandardField, type StandardField } from './imports.fields.ts';
import type { ImportOptions } from './imports.schemas.ts';

export interface ColumnPlan {
  index: number;
  target: StandardField | `custom.${string}`;
}

export interface PreparedRow {
  n: number;
  cells: string[];
  /** The validated input (without owner), or null when the row is rejected. */
  input: CreateCustomer | null;
  /** The 负责人 cell, resolved to a user later. */
  ownerRef: string | null;
  /** Field names that had a value in the file (update mode fills only those). */
  present: Set<string>;
  reason: string | null;
}

const KINDS: Record<string, 'enterprise' | 'individual'> = {
  企业: 'enterprise',
  公司: 'enterprise',
  enterprise: 'enterprise',
  company: 'enterprise',
  个人: 'individual',
  individual: 'individual',
  person: 'individual',
};

const TAG_SPLIT = /[，,、;；|]+/u;

export function cleanCell(raw: string, target: string, cleaning: ImportOptions['cleaning']): string {
  let v = raw;
  if (cleaning.fullWidth) v = normalizeWidth(v);
  if (cleaning.trim) v = target === 'street' || target === 'name' ? cleanText(v) : v.trim();
  if (target === 'phone' && cleaning.phones && v) v = normalisePhone(v);
  if (target === 'email' && cleaning.emails && v) v = normalizeWidth(v).trim().toLowerCase();
  return v;
}

export function fieldLabel(target: string, locale: Locale, custom: Map<string, CustomField>): string {
  if (isStandardField(target)) return FIELD_LABELS[target][locale];
  if (target.startsWith('custom.')) return custom.get(target.slice(7))?.label ?? target;
  return target;
}

/** A zod issue in the user's language, as the API's error handler would word it. */
function issueText(issue: z.core.$ZodIssue, locale: Locale): string {
  const msg = issue.message;
  if (msg.includes('.') && !msg.includes(' ')) return translate(locale, msg);
  const i = issue as { code: string; minimum?: unknown; maximum?: unknown; origin?: string; format?: string };
  switch (i.code) {
    case 'too_small':
      return translate(locale, i.origin === 'string' && i.minimum === 1 ? 'field.required' : 'field.too_short', {
        min: i.minimum,
      });
    case 'too_big':
      return translate(locale, i.origin === 'string' ? 'field.too_long' : 'field.too_big', { max: i.maximum });
    case 'invalid_format':
      return translate(locale, i.format === 'email' ? 'field.invalid_email' : 'field.invalid_type');
    case 'invalid_value':
      return translate(locale, 'field.invalid_option');
    case 'invalid_type':
      return translate(locale, /undefined|null/.test(msg) ? 'field.required' : 'field.invalid_type');
    default:
      return translate(locale, 'field.invalid_type');
  }
}

export function joinReasons(parts: string[], locale: Locale): string {
  return parts.join(locale === 'en' ? '; ' : '；');
}

/** Build and check one row. */
export function prepareRow(
  row: { n: number; cells: string[] },
  plan: ColumnPlan[],
  options: ImportOptions,
  locale: Locale,
  custom: Map<string, CustomField>,
): PreparedRow {
  const body: Record<string, unknown> = { force: true };
  const customValues: Record<string, unknown> = {};
  const present = new Set<string>();
  let ownerRef: string | null = null;
  const problems: string[] = [];

  for (const { index, target } of plan) {
    const value = cleanCell(row.cells[index] ?? '', target, options.cleaning);
    if (value === '') continue;
    present.add(target);
    if (target === 'owner') ownerRef = value;
    else if (target === 'tags')
      body.tags = value
        .split(TAG_SPLIT)
        .map((t) => t.trim())
        .filter(Boolean);
    else if (target === 'kind') {
      const kind = KINDS[value.toLowerCase()];
      if (kind) body.kind = kind;
      else problems.push(`${fieldLabel(target, locale, custom)}: ${translate(locale, 'field.invalid_option')}`);
    } else if (target.startsWith('custom.')) {
      const field = custom.get(target.slice(7));
      customValues[target.slice(7)] = field?.type === 'multiselect' ? value.split(TAG_SPLIT).filter(Boolean) : value;
    } else body[target] = value;
  }
  body.custom = customValues;
  const fail = (reason: string): PreparedRow => ({
    n: row.n,
    cells: row.cells,
    input: null,
    ownerRef,
    present,
    reason,
  });

  const parsed = createCustomerBody.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const label =
        field === 'name' && !present.has('name') ? FIELD_LABELS.name[locale] : fieldLabel(field, locale, custom);
      problems.push(`${label}: ${issueText(issue, locale)}`);
    }
  }
  if (parsed.success && parsed.data.creditCode && !validateCreditCode(parsed.data.creditCode)) {
    problems.push(`${FIELD_LABELS.creditCode[locale]}: ${translate(locale, 'customers.invalid_credit_code')}`);
  }
  if (problems.length || !parsed.success) return fail(joinReasons(problems, locale));
  return { n: row.n, cells: row.cells, input: parsed.data, ownerRef, present, reason: null };
}
