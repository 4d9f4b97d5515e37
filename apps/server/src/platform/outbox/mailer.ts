import nodemailer from 'nodemailer';
import type { Config } from '../config/config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain-text body (UTF-8). */
  text: string;
}

/** Something that delivers one e-mail. Implementations: SMTP (nodemailer) and "log" (records only). */
export interface Mailer {
  readonly transport: 'smtp' | 'log';
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export const DEFAULT_MAIL_FROM = '汇客 CRM <no-reply@huike.local>';

/** Delivers through an SMTP server, e.g. SMTP_URL=smtp://user:pass@127.0.0.1:2525 (smtps:// for TLS). */
export class SmtpMailer implements Mailer {
  readonly transport = 'smtp' as const;
  private readonly transporter: nodemailer.Transporter;

  constructor(
    url: string,
    private readonly from: string = DEFAULT_MAIL_FROM,
  ) {
    this.transporter = nodemailer.createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transporter.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      textEncoding: 'base64',
    });
  }

  close(): void {
    this.transporter.close();
  }
}

/** No SMTP server configured: the message stays in the outbox as the record of what would have gone out. */
export class LogMailer implements Mailer {
  readonly transport = 'log' as const;
  async send(): Promise<void> {}
  close(): void {}
}

let cached: { key: string; mailer: Mailer } | undefined;

/**
 * The mailer for the configuration: SMTP when smtpUrl is set (sender mailFrom), else the log mailer.
 * Looked up at delivery time, so a changed configuration takes effect without a restart.
 */
export function currentMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer {
  const url = config.smtpUrl || '';
  const from = config.mailFrom || DEFAULT_MAIL_FROM;
  const key = `${url}\n${from}`;
  if (cached?.key === key) return cached.mailer;
  cached?.mailer.close();
  cached = { key, mailer: url ? new SmtpMailer(url, from) : new LogMailer() };
  return cached.mailer;
}
