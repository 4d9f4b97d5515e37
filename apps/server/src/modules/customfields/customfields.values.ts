// Custom field values on write: each value checked against its field and normalised to the one stored form.
import Decimal from 'decimal.js';
import { type AnyColumn, and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, type FieldError } from '../../platform/errors/errors.ts';
import { cleanText, emailKey, phoneKey } from '../../platform/text/index.ts';
import { users } from '../employees/employees.table.ts';
import type { CustomField } from './customfields.schemas.ts';
import { listCustomFields } from './customfields.service.ts';
import type { CustomObjectType } from './customfields.table.ts';

export type CustomValues = Record<string, unknown>;

/** Thrown by a normaliser: the message key of what is wrong. */
class Invalid extends Error {
  constructor(
    readonly key: string,
    readonly params?: Record<string, unknown>,
  ) {
    super(key);
  }
}

const MAX_TEXT = 2000;
const MAX_DIGITS = 30;
const MONEY_MAX = new Decimal('1e15');
const uuid = z.uuid();

const isEmpty = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && !v.length);

function decimal(v: unknown): Decimal {
  const raw = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : typeof v === 'string' ? cleanText(v) : '';
  const text = raw.replace(/,/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new Invalid('customfields.invalid_number');
  const d = new Decimal(text);
  if (d.precision(true) > MAX_DIGITS) throw new Invalid('customfields.invalid_number');
  return d;
}

function date(v: unknown): string {
  const m = typeof v === 'string' ? cleanText(v).match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/) : null;
  if (!m) throw new Invalid('customfields.invalid_date');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) {
    throw new Invalid('customfields.invalid_date');
  }
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function text(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') throw new Invalid('field.invalid_type');
  const s = String(v).trim();
  if (s.length > MAX_TEXT) throw new Invalid('field.too_long', { max: MAX_TEXT });
  return s;
}

function option(field: CustomField, v: unknown): string {
  const s = typeof v === 'string' ? cleanText(v) : '';
  if (!field.options.includes(s)) throw new Invalid('field.invalid_option');
  return s;
}

/** A non-empty value in its stored form; user ids are checked afterwards in one query. */
function normalise(field: CustomField, v: unknown): unknown {
  switch (field.type) {
    case 'text':
      return text(v);
    case 'number':
      return decimal(v).toFixed();
    case 'money': {
      const d = decimal(v);
      if (d.decimalPlaces() > 2) throw new Invalid('customfields.money_scale');
      if (d.abs().gte(MONEY_MAX)) throw new Invalid('field.too_big', { max: MONEY_MAX.toFixed() });
      return d.toFixed(2);
    }
    case 'date':
      return date(v);
    case 'select':
      return option(field, v);
    case 'multiselect': {
      if (!Array.isArray(v)) throw new Invalid('field.invalid_type');
      const chosen = new Set(v.map((x) => option(field, x)));
      return field.options.filter((o) => chosen.has(o));
    }
    case 'phone': {
      const key = typeof v === 'string' || typeof v === 'number' ? phoneKey(String(v)) : null;
      if (!key || key.length < 5 || key.length > 20) throw new Invalid('customfields.invalid_phone');
      return key;
    }
    case 'email': {
      const key = typeof v === 'string' ? emailKey(v) : null;
      if (!key || !z.email().max(254).safeParse(key).success) throw new Invalid('field.invalid_email');
      return key;
    }
    case 'user':
    case 'attachment':
      if (typeof v !== 'string' || !uuid.safeParse(v.trim()).success) throw new Invalid('field.invalid_uuid');
      return v.trim().toLowerCase();
  }
}

export interface ValidateOptions {
  /**
   * false (create): every required field must have a value; empty values are left out.
   * true (update): only the keys given are checked; an empty value is null (clear it, see mergeCustomValues)
   * unless the field is required.
   */
  partial: boolean;
}

export interface CustomCheck {
  /** The values in their stored form (only those that passed). */
  values: CustomValues;
  /** Problems by 'custom.<key>'; empty when the values are fine so far (user fields still to check). */
  errors: Record<string, FieldError>;
}

/**
 * The synchronous part of validateCustomValues, against an already loaded list of fields: everything but the
 * check that a user field names an active employee (see userFieldIds / checkUserFields). Import batches use it
 * for thousands of records with one user query.
 */
export function checkCustomValues(
  fields: readonly CustomField[],
  values: CustomValues | null | undefined,
  opts: ValidateOptions,
): CustomCheck {
  const input = values ?? {};
  const errors: Record<string, FieldError> = {};
  const out: CustomValues = {};
  for (const [key, value] of Object.entries(input)) {
    const field = fields.find((f) => f.key === key);
    if (!field) {
      errors[`custom.${key}`] = { key: 'field.unknown' };
      continue;
    }
    if (isEmpty(value)) {
      if (field.required) errors[`custom.${key}`] = { key: 'field.required' };
      else if (opts.partial) out[key] = null;
      continue;
    }
    try {
      out[key] = normalise(field, value);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      errors[`custom.${key}`] = { key: err.key, params: err.params };
    }
  }
  if (!opts.partial) {
    for (const field of fields) {
      if (field.required && !(field.key in input)) errors[`custom.${field.key}`] = { key: 'field.required' };
    }
  }
  return { values: out, errors };
}

const userFieldsOf = (fields: readonly CustomField[], check: CustomCheck) =>
  fields.filter((f) => f.type === 'user' && typeof check.values[f.key] === 'string');

/** The user ids a checked record refers to, to be looked up (with others) in one query. */
export function userFieldIds(fields: readonly CustomField[], check: CustomCheck): string[] {
  return userFieldsOf(fields, check).map((f) => check.values[f.key] as string);
}

/** The tenant's active users among ids. */
export async function activeUserIds(tx: Tx, tenantId: string, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Set();
  const active = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, unique), eq(users.status, 'active')));
  return new Set(active.map((u) => u.id));
}

/** Adds an error for each user field of a checked record that is not among the active users. */
export function checkUserFields(fields: readonly CustomField[], check: CustomCheck, active: Set<string>): void {
  for (const f of userFieldsOf(fields, check)) {
    if (!active.has(check.values[f.key] as string))
      check.errors[`custom.${f.key}`] = { key: 'customfields.inactive_user' };
  }
}

/**
 * Check and normalise the custom values of one record against the tenant's fields: money as a decimal string
 * with 2 places, number as a decimal string, date YYYY-MM-DD, select one of the options, multiselect a subset
 * (in option order), phone and e-mail normalised, user an active employee of the tenant, attachment an id.
 * Any problem → AppError 400 common.validation with fields {'custom.<key>': message}.
 */
export async function validateCustomValues(
  tx: Tx,
  tenantId: string,
  objectType: CustomObjectType,
  values: CustomValues | null | undefined,
  opts: ValidateOptions,
): Promise<CustomValues> {
  const fields = await listCustomFields(tx, tenantId, objectType);
  const check = checkCustomValues(fields, values, opts);
  const ids = userFieldIds(fields, check);
  if (ids.length) checkUserFields(fields, check, await activeUserIds(tx, tenantId, ids));
  if (Object.keys(check.errors).length) throw new AppError(400, 'common.validation', {}, check.errors);
  return check.values;
}

/** The stored values after a partial update: the patch over the existing values, cleared (null) keys removed. */
export function mergeCustomValues(existing: CustomValues | null | undefined, patch: CustomValues): CustomValues {
  const merged: CustomValues = { ...(existing ?? {}), ...patch };
  for (const [k, v] of Object.entries(merged)) if (v === null || v === undefined) delete merged[k];
  return merged;
}

/**
 * A record's `custom` column without the values of deleted fields, as SQL, for every query that answers
 * records (get, list, export). Deleting a field removes its values from the rows already; this keeps a value
 * that escaped that (written concurrently, restored from a backup) from resurfacing.
 */
export function liveCustomValues(column: AnyColumn | SQL, tenantId: string, objectType: CustomObjectType): SQL {
  return sql`(${column} - ARRAY(SELECT cf.key FROM custom_fields cf WHERE cf.tenant_id = ${tenantId}
    AND cf.object_type = ${objectType} AND cf.deleted_at IS NOT NULL))`;
}

/** The values of live fields only, for responses and exports (a deleted field's values stay hidden). */
export function visibleCustomValues(fields: Pick<CustomField, 'key'>[], custom: CustomValues | null): CustomValues {
  const out: CustomValues = {};
  if (!custom) return out;
  for (const f of fields) if (f.key in custom) out[f.key] = custom[f.key];
  return out;
}
