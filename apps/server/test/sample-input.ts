import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PASSWORD, uniqueEmail } from './harness.ts';

/** Ids of one tenant's records, used to fill id-like fields of a generated input. */
export interface SampleIds {
  userId: string;
  departmentId: string;
  roleId?: string;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
  pattern?: string;
};

let seq = 0;

function uuidFor(key: string, ids: SampleIds): string {
  if (/department|parent/i.test(key)) return ids.departmentId;
  if (/role/i.test(key)) return ids.roleId ?? randomUUID();
  return ids.userId;
}

function stringFor(key: string, s: JsonSchema, ids: SampleIds): string {
  switch (s.format) {
    case 'uuid':
      return uuidFor(key, ids);
    case 'email':
      return uniqueEmail('sample');
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'uri':
    case 'url':
      return 'https://example.com/';
  }
  if (/password/i.test(key)) return PASSWORD;
  if (/mobile|phone/i.test(key)) return `139${String(Date.now() * 100 + (++seq % 100)).slice(-8)}`;
  if (/email/i.test(key)) return uniqueEmail('sample');
  const base = `样例${key}${++seq}`;
  const min = s.minLength ?? 1;
  const text = base.length >= min ? base : base.padEnd(min, 'x');
  return s.maxLength ? text.slice(0, s.maxLength) : text;
}

function sampleJson(s: JsonSchema | undefined, key: string, ids: SampleIds): unknown {
  if (!s) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const options = s.anyOf ?? s.oneOf;
  if (options?.length) {
    const notNull = options.find((o) => o.type !== 'null') ?? options[0];
    return sampleJson(notNull, key, ids);
  }
  if (s.allOf?.length) return sampleJson(Object.assign({}, ...s.allOf), key, ids);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of s.required ?? []) out[prop] = sampleJson(s.properties?.[prop], prop, ids);
      return out;
    }
    case 'array': {
      const n = s.minItems ?? (/ids$/i.test(key) ? 1 : 0);
      return Array.from({ length: n }, () => sampleJson(s.items, key.replace(/s$/, ''), ids));
    }
    case 'string':
      return stringFor(key, s, ids);
    case 'integer':
    case 'number': {
      const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return s.maximum !== undefined ? Math.min(low, s.maximum) : low;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return s.default ?? 'x';
  }
}

/**
 * A plausible value for a zod input schema: required fields only, ids of the given tenant's records in
 * id-like fields, valid e-mails and passwords. Good enough for generic tests that walk every route; a
 * route whose input this cannot satisfy gets an explicit body in the test that walks it.
 */
export function sampleInput(schema: z.ZodType | undefined, ids: SampleIds, key = ''): unknown {
  if (!schema) return undefined;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return sampleJson(json, key, ids);
}
