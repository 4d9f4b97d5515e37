// The one outbox: both channels through one queue and delivery path, each with its own sender; and the
// migration that moved the rows of the former mail_outbox and sms_outbox tables into it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../../../test/harness.ts';
import { inTenant, migrationsFolder, openDatabase } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { outbox } from './outbox.table.ts';
import { deliverBatch, queueMessages } from './outbox.ts';
import { localSmsProvider, setSmsProvider } from './sms-provider.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.registerTenant();
});
afterAll(async () => {
  setSmsProvider(localSmsProvider);
  await t?.close();
});

const rowsOf = (tenantId: string, batchId: string) =>
  inTenant(t.services.database.db, tenantId, (tx) =>
    tx
      .select({
        to: outbox.to,
        channel: outbox.channel,
        status: outbox.status,
        error: outbox.error,
        sender: outbox.sender,
        senderMessageId: outbox.senderMessageId,
        subject: outbox.subject,
      })
      .from(outbox)
      .where(and(eq(outbox.tenantId, tenantId), eq(outbox.batchId, batchId)))
      .orderBy(outbox.to),
  );

describe('outbox', () => {
  it('queues e-mail and SMS in one table and delivers each through its channel’s sender', async () => {
    const tenantId = admin.tenant.id;
    const db = t.services.database.db;
    const sent: string[] = [];
    setSmsProvider({
      name: 'test-gateway',
      send: async ({ to, text }) => {
        if (to.endsWith('9')) throw new Error('号码停机');
        sent.push(`${to}:${text}`);
        return { messageId: `gw-${to}` };
      },
    });
    const sms = await inTenant(db, tenantId, (tx) =>
      queueMessages(tx, tenantId, admin.user.id, 'sms', [
        { to: '13800000001', body: '【汇客】您好' },
        { to: '13800000009', body: '【汇客】您好' },
      ]),
    );
    const mail = await inTenant(db, tenantId, (tx) =>
      queueMessages(tx, tenantId, admin.user.id, 'email', [{ to: 'a@example.com', subject: '主题', body: '正文' }]),
    );
    t.services.config.smtpUrl = undefined;
    await deliverBatch(t.services, tenantId, sms);
    await deliverBatch(t.services, tenantId, mail);

    expect(sent).toEqual(['13800000001:【汇客】您好']);
    expect(await rowsOf(tenantId, sms)).toEqual([
      {
        to: '13800000001',
        channel: 'sms',
        status: 'sent',
        error: null,
        sender: 'test-gateway',
        senderMessageId: 'gw-13800000001',
        subject: null,
      },
      {
        to: '13800000009',
        channel: 'sms',
        status: 'failed',
        error: '号码停机',
        sender: 'test-gateway',
        senderMessageId: null,
        subject: null,
      },
    ]);
    // No SMTP server configured: the log mailer records the message as sent.
    expect(await rowsOf(tenantId, mail)).toEqual([
      {
        to: 'a@example.com',
        channel: 'email',
        status: 'sent',
        error: null,
        sender: 'log',
        senderMessageId: null,
        subject: '主题',
      },
    ]);
    // A retry of the batch sends nothing twice: only queued rows go out.
    await deliverBatch(t.services, tenantId, sms);
    expect(sent).toHaveLength(1);
    // Another company never sees the rows.
    const other = await t.registerTenant();
    expect(await inTenant(db, other.tenant.id, (tx) => tx.select().from(outbox))).toEqual([]);
  });
});

describe('migration 0012', () => {
  it('moves mail_outbox and sms_outbox rows into the outbox and strips values of deleted custom fields', async () => {
    // Every migration before 0012 in a folder of its own, applied to an empty database …
    const dir = mkdtempSync(path.join(tmpdir(), 'huike-migrations-'));
    const database = await openDatabase({});
    try {
      cpSync(migrationsFolder, dir, { recursive: true });
      const journalPath = path.join(dir, 'meta/_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
      journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0012');
      writeFileSync(journalPath, JSON.stringify(journal));
      const db = database.db;
      await migrate(db as never, { migrationsFolder: dir });

      // … with rows in the old tables …
      const [tenant, mailBatch, smsBatch, customer, contact] = [newId(), newId(), newId(), newId(), newId()];
      const [mailId, smsId] = [newId(), newId()];
      await db.execute(sql`INSERT INTO mail_outbox (tenant_id, id, batch_id, record_type, record_id, "to", subject,
          body, status, transport, sent_at)
        VALUES (${tenant}, ${mailId}, ${mailBatch}, 'contact', ${contact}, 'a@example.com', '邀请', '正文', 'sent',
          'smtp', now())`);
      await db.execute(sql`INSERT INTO sms_outbox (tenant_id, id, batch_id, "to", body, status, error, provider,
          provider_message_id)
        VALUES (${tenant}, ${smsId}, ${smsBatch}, '13800000001', '短信', 'failed', '停机', 'aliyun', 'm-1')`);
      await db.execute(sql`INSERT INTO custom_fields (tenant_id, id, object_type, key, label, type, deleted_at)
        VALUES (${tenant}, ${newId()}, 'customer', 'gone', '旧', 'text', now()),
               (${tenant}, ${newId()}, 'customer', 'kept', '留', 'text', NULL),
               (${tenant}, ${newId()}, 'contact', 'hobby', '爱好', 'text', now())`);
      await db.execute(sql`INSERT INTO customers (tenant_id, id, name, name_key, custom)
        VALUES (${tenant}, ${customer}, '迁移客户', '迁移客户', '{"gone": 1, "kept": 2}')`);
      await db.execute(sql`INSERT INTO contacts (tenant_id, id, customer_id, name, custom)
        VALUES (${tenant}, ${contact}, ${customer}, '迁移联系人', '{"hobby": "钓鱼"}')`);

      // … then the real folder: 0012 and anything after it.
      await migrate(db as never, { migrationsFolder });
      const moved = await db.execute(sql`SELECT id, batch_id AS "batchId", channel, record_type AS "recordType",
          "to", subject, body, status, error, sender, sender_message_id AS "senderMessageId", sent_at IS NOT NULL AS sent
        FROM outbox ORDER BY channel`);
      expect(moved.rows).toEqual([
        {
          id: mailId,
          batchId: mailBatch,
          channel: 'email',
          recordType: 'contact',
          to: 'a@example.com',
          subject: '邀请',
          body: '正文',
          status: 'sent',
          error: null,
          sender: 'smtp',
          senderMessageId: null,
          sent: true,
        },
        {
          id: smsId,
          batchId: smsBatch,
          channel: 'sms',
          recordType: null,
          to: '13800000001',
          subject: null,
          body: '短信',
          status: 'failed',
          error: '停机',
          sender: 'aliyun',
          senderMessageId: 'm-1',
          sent: false,
        },
      ]);
      const old = await db.execute(
        sql`SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('mail_outbox', 'sms_outbox')`,
      );
      expect(old.rows).toEqual([{ n: 0 }]);
      const custom = await db.execute(sql`SELECT (SELECT custom FROM customers) AS customer,
        (SELECT custom FROM contacts) AS contact`);
      expect(custom.rows).toEqual([{ customer: { kept: 2 }, contact: {} }]);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
