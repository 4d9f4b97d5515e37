import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { addCustomer, type Company, company } from '../contacts/contacts.test-fixture.ts';

let t: TestApp;
let c: Company;
let other: Session;

beforeAll(async () => {
  t = await startTestApp();
  c = await company(t);
  other = await t.registerTenant();
});
afterAll(() => t?.close());

type Who = { token: string };
const req = (method: string, url: string, who: Who, body?: unknown) =>
  t.request(method, url, { token: who.token, body });

function upload(url: string, who: Who, file: Buffer, filename: string, type = 'application/octet-stream') {
  const boundary = `----huike${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.request('POST', url, {
    token: who.token,
    body: payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('attachments', () => {
  it('uploads, lists, downloads with the UTF-8 name and deletes a file on a customer, contact and follow-up', async () => {
    const customerId = await addCustomer(t, c.admin, c.alice.id);
    const up = await upload(
      `/api/v1/attachments/customer/${customerId}`,
      c.alice,
      PDF,
      '报价单 2025.pdf',
      'application/pdf',
    );
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      recordType: 'customer',
      recordId: customerId,
      fileName: '报价单 2025.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      uploadedBy: c.alice.id,
      uploadedByName: '李丽',
    });
    const list = await req('GET', `/api/v1/attachments/customer/${customerId}`, c.alice);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([up.body.id]);

    const down = await req('GET', `/api/v1/attachments/${up.body.id}/download`, c.alice);
    expect(down.status).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(String(down.headers['content-disposition'])).toBe(
      `attachment; filename="___ 2025.pdf"; filename*=UTF-8''${encodeURIComponent('报价单 2025.pdf')}`,
    );
    expect(Buffer.from(down.body, 'latin1').subarray(0, 5).toString()).toBe('%PDF-');

    const tabs = await req('GET', `/api/v1/customers/${customerId}/tabs`, c.alice);
    if (tabs.status === 200) {
      const tab = tabs.body.items?.find((x: { key: string }) => x.key === 'attachments');
      expect(tab?.count).toBe(1);
    }

    const contact = await req('POST', '/api/v1/contacts', c.alice, { customerId, name: '陈' });
    const onContact = await upload(
      `/api/v1/attachments/contact/${contact.body.id}`,
      c.alice,
      PNG,
      '名片.png',
      'image/png',
    );
    expect(onContact.status).toBe(201);
    expect(onContact.body.contentType).toBe('image/png');

    const followUp = await req('POST', '/api/v1/follow-ups', c.alice, { customerId, kind: 'visit', content: '拜访' });
    const onFollowUp = await upload(
      `/api/v1/attachments/follow_up/${followUp.body.id}`,
      c.alice,
      Buffer.from('姓名,电话\n陈,13912345678\n'),
      '名单.csv',
      'text/csv',
    );
    expect(onFollowUp.status).toBe(201);
    const timeline = await req('GET', `/api/v1/customers/${customerId}/follow-ups`, c.alice);
    expect(timeline.body.items[0].attachments).toEqual([
      {
        id: onFollowUp.body.id,
        fileName: '名单.csv',
        contentType: 'text/csv; charset=utf-8',
        size: onFollowUp.body.size,
      },
    ]);

    expect((await req('DELETE', `/api/v1/attachments/${up.body.id}`, c.alice)).status).toBe(200);
    expect((await req('GET', `/api/v1/attachments/${up.body.id}/download`, c.alice)).status).toBe(404);
    // Deleting the follow-up takes its files along.
    await req('DELETE', `/api/v1/follow-ups/${followUp.body.id}`, c.alice);
    expect((await req('GET', `/api/v1/attachments/${onFollowUp.body.id}/download`, c.alice)).status).toBe(404);
  });

  it('refuses disallowed types, content that does not match the extension, and oversize files', async () => {
    const customerId = await addCustomer(t, c.admin, c.alice.id);
    const url = `/api/v1/attachments/customer/${customerId}`;
    const exe = await upload(url, c.alice, Buffer.from('MZ\x90\x00\x03'), 'setup.exe');
    expect(exe.status).toBe(400);
    expect(exe.body.error.fields.file).toContain('不支持的文件类型');
    const fakePdf = await upload(url, c.alice, Buffer.from('MZ\x90\x00 not a pdf'), 'invoice.pdf', 'application/pdf');
    expect(fakePdf.status).toBe(400);
    const binaryTxt = await upload(url, c.alice, Buffer.from([0x41, 0x00, 0x42]), 'notes.txt', 'text/plain');
    expect(binaryTxt.status).toBe(400);
    const max = t.services.config.maxUploadBytes;
    const big = await upload(url, c.alice, Buffer.concat([PDF, Buffer.alloc(max)]), 'big.pdf', 'application/pdf');
    expect(big.status).toBe(413);
    const noFile = await req('POST', url, c.alice, { file: 'x' });
    expect(noFile.status).toBe(400);
    expect((await req('GET', `/api/v1/attachments/customer/${customerId}`, c.alice)).body.items).toEqual([]);
    expect((await req('GET', `/api/v1/attachments/opportunity/${customerId}`, c.alice)).status).toBe(404);
  });

  it('serves and changes files only with access to the record', async () => {
    const bobsCustomer = await addCustomer(t, c.admin, c.bob.id);
    const up = await upload(`/api/v1/attachments/customer/${bobsCustomer}`, c.bob, PNG, 'logo.png', 'image/png');
    expect(up.status).toBe(201);
    const id = up.body.id;
    // Alice cannot see Bob's customer: 404 everywhere.
    expect((await req('GET', `/api/v1/attachments/${id}/download`, c.alice)).status).toBe(404);
    expect((await req('GET', `/api/v1/attachments/customer/${bobsCustomer}`, c.alice)).status).toBe(404);
    expect((await upload(`/api/v1/attachments/customer/${bobsCustomer}`, c.alice, PNG, 'x.png')).status).toBe(404);
    expect((await req('DELETE', `/api/v1/attachments/${id}`, c.alice)).status).toBe(404);
    // Shared read-only: download yes, change no (403).
    await req('POST', `/api/v1/customers/${bobsCustomer}/shares`, c.admin, { userId: c.alice.id, access: 'read' });
    expect((await req('GET', `/api/v1/attachments/${id}/download`, c.alice)).status).toBe(200);
    expect((await req('DELETE', `/api/v1/attachments/${id}`, c.alice)).status).toBe(403);
    expect((await upload(`/api/v1/attachments/customer/${bobsCustomer}`, c.alice, PNG, 'x.png')).status).toBe(403);
    // Without customers.edit the viewer cannot add files to their own customer (403).
    const viewers = await addCustomer(t, c.admin, c.viewer.id);
    expect((await upload(`/api/v1/attachments/customer/${viewers}`, c.viewer, PNG, 'x.png')).status).toBe(403);
    // Another tenant: 404.
    expect((await req('GET', `/api/v1/attachments/${id}/download`, other)).status).toBe(404);
    expect((await req('DELETE', `/api/v1/attachments/${id}`, other)).status).toBe(404);
    expect((await req('GET', `/api/v1/attachments/customer/${bobsCustomer}`, other)).status).toBe(404);
  });
});
