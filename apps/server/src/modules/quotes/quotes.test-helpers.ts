// Test support for the quotes tests: a product with units, a customer with a contact, a quote.
import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { addCustomer } from '../customers/customers.test-helpers.ts';

export const base = '/api/v1/quotes';
let seq = 0;

/** 复印纸: base unit 包 at 22.00, 箱 = 5 包 at its own 105.00, 托 = 40 箱 without a price (→ 4400.00). */
export async function addProduct(t: TestApp, token: string, body: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/v1/products', {
    token,
    body: {
      code: `P${++seq}-${Date.now().toString(36)}`,
      name: '复印纸',
      specification: 'A4 70g',
      baseUnit: '包',
      price: '22.00',
      units: [
        { name: '箱', factor: '5', price: '105.00' },
        { name: '托', factor: '200' },
      ],
      ...body,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string; code: string };
}

export async function addContact(t: TestApp, token: string, customerId: string, body: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/v1/contacts', {
    token,
    body: { customerId, name: '陈经理', email: 'chen@example.com', ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** A customer (named 华腾科技…) with a contact that has an e-mail address. */
export async function addParty(t: TestApp, token: string) {
  const customerId = await addCustomer(t, token, { name: `华腾科技有限公司${++seq}-${Date.now().toString(36)}` });
  const contactId = await addContact(t, token, customerId);
  return { customerId, contactId };
}

export async function addQuote(t: TestApp, token: string, body: Record<string, unknown>) {
  const res = await t.request('POST', base, { token, body: { validUntil: '2026-12-31', ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Every text a PDF's ToUnicode maps contain, decoded (pdfkit writes Flate streams: inflate them all). */
export function pdfUnicodeText(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let data = pdf.subarray(start, end);
    try {
      data = inflateSync(data);
    } catch {
      // not compressed (or not Flate): keep as is
    }
    const text = data.toString('latin1');
    if (text.includes('begincmap')) {
      // bfrange / bfchar entries: <src> <dst> or <lo> <hi> [<dst> …] — collect every destination code point.
      for (const hex of text.matchAll(/<([0-9a-fA-F]{4,})>/g)) {
        const h = hex[1]!;
        for (let i = 0; i + 4 <= h.length; i += 4)
          out.push(String.fromCharCode(Number.parseInt(h.slice(i, i + 4), 16)));
      }
    }
  }
  return out.join('');
}
