// Mass e-mail against a real SMTP server on loopback (smtp-server), and mass SMS through the local provider.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { addCustomer, type Company, company } from './contacts.test-fixture.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let t: TestApp;
let c: Company;
let other: Session;
let smtp: SMTPServer;
const inbox: Received[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (b: Buffer) => chunks.push(b));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  // Its own database on PostgreSQL: the delivery jobs must run here, where the test's SMTP server is configured.
  t = await startTestApp({ ownDatabase: true });
  t.services.config.smtpUrl = `smtp://127.0.0.1:${port}`;
  t.services.config.mailFrom = '汇客 CRM <crm@huike.test>';
  c = await company(t);
  other = await t.registerTenant();
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** Subject and text of a raw single-part message (RFC 2047 encoded words, base64 or quoted-printable body). */
function parseMail(raw: string): { subject: string; text: string; contentType: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const words = [...header('Subject').matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)];
  const subject = Buffer.concat(
    words.map(([, enc, text]) =>
      enc!.toUpperCase() === 'B'
        ? Buffer.from(text!, 'base64')
        : Buffer.from(
            text!.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ),
    ),
  ).toString('utf8');
  const body = raw.slice(split + 4);
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : Buffer.from(
          body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8');
  return { subject: words.length ? subject : header('Subject'), text, contentType: header('Content-Type') };
}

type Who = { token: string };
const req = (method: string, url: string, who: Who, body?: unknown) =>
  t.request(method, url, { token: who.token, body });

async function until<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const done = (who: Who, id: string) =>
  until(async () => {
    const res = await req('GET', `/api/v1/contacts/mass-messages/${id}`, who);
    return res.status === 200 && res.body.queued === 0 ? res.body : undefined;
  });

describe('mass e-mail and SMS to contacts', () => {
  it('delivers one UTF-8 e-mail per visible contact over SMTP, with per-recipient status', async () => {
    const mine = await addCustomer(t, c.admin, c.alice.id);
    const bobs = await addCustomer(t, c.admin, c.bob.id);
    const tag = Date.now().toString(36);
    const add = (who: Who, customerId: string, name: string, email?: string) =>
      req('POST', '/api/v1/contacts', who, { customerId, name, email, isKey: true });
    await add(c.alice, mine, `群发甲${tag}`, `jia.${tag}@example.com`);
    await add(c.alice, mine, `群发乙${tag}`, `yi.${tag}@example.com`);
    await add(c.alice, mine, `群发丙${tag}`); // no address: skipped
    await add(c.bob, bobs, `群发丁${tag}`, `ding.${tag}@example.com`); // not visible to Alice

    const sent = await req('POST', '/api/v1/contacts/mass-email', c.alice, {
      filter: { q: tag },
      subject: '新品发布会邀请',
      body: '尊敬的客户：诚邀您参加汇客新品发布会。',
    });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ channel: 'email', recipients: 2, skipped: 1 });

    const status = await done(c.alice, sent.body.id);
    expect(status).toMatchObject({ total: 2, sent: 2, failed: 0 });
    const delivered = await until(async () => {
      const got = inbox.filter((m) => m.to.some((a) => a.includes(tag)));
      return got.length === 2 ? got : undefined;
    });
    expect(delivered.flatMap((m) => m.to).sort()).toEqual([`jia.${tag}@example.com`, `yi.${tag}@example.com`]);
    for (const m of delivered) {
      expect(m.from).toBe('crm@huike.test');
      const parsed = parseMail(m.raw);
      expect(parsed.contentType.toLowerCase()).toContain('charset=utf-8');
      expect(parsed.subject).toBe('新品发布会邀请');
      expect(parsed.text.trim()).toBe('尊敬的客户：诚邀您参加汇客新品发布会。');
    }
    // Only the sender sees the batch; another tenant gets 404.
    expect((await req('GET', `/api/v1/contacts/mass-messages/${sent.body.id}`, c.bob)).status).toBe(404);
    expect((await req('GET', `/api/v1/contacts/mass-messages/${sent.body.id}`, other)).status).toBe(404);
  });

  it('texts the mobiles of chosen contacts through the local SMS provider', async () => {
    const mine = await addCustomer(t, c.admin, c.alice.id);
    const a = await req('POST', '/api/v1/contacts', c.alice, {
      customerId: mine,
      name: '短信甲',
      mobile: '13800000001',
    });
    const b = await req('POST', '/api/v1/contacts', c.alice, {
      customerId: mine,
      name: '短信乙',
      mobile: '13800000002',
    });
    const bobs = await addCustomer(t, c.admin, c.bob.id);
    const hidden = await req('POST', '/api/v1/contacts', c.bob, {
      customerId: bobs,
      name: '短信丙',
      mobile: '13800000003',
    });

    const sent = await req('POST', '/api/v1/contacts/mass-sms', c.alice, {
      ids: [a.body.id, b.body.id, hidden.body.id],
      body: '【汇客】您好，下周拜访请留意。',
    });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ channel: 'sms', recipients: 2, skipped: 0 });
    const status = await done(c.alice, sent.body.id);
    expect(status.items.map((i: { to: string; status: string }) => [i.to, i.status]).sort()).toEqual([
      ['13800000001', 'sent'],
      ['13800000002', 'sent'],
    ]);
  });

  it('answers 400 for bad input, 422 with no recipient, 403 without the grant', async () => {
    const both = await req('POST', '/api/v1/contacts/mass-email', c.alice, {
      ids: [],
      filter: {},
      subject: '',
      body: '',
    });
    expect(both.status).toBe(400);
    expect(Object.keys(both.body.error.fields)).toEqual(expect.arrayContaining(['ids', 'subject', 'body']));
    const none = await req('POST', '/api/v1/contacts/mass-sms', c.alice, {
      filter: { q: `不存在${Date.now()}` },
      body: '你好',
    });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('contacts.no_recipients');
    const forbidden = await req('POST', '/api/v1/contacts/mass-email', c.viewer, {
      filter: {},
      subject: 's',
      body: 'b',
    });
    expect(forbidden.status).toBe(403);
  });
});
