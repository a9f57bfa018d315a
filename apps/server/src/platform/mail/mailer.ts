import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { uuidv7 } from '../ids.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  readonly kind: string;
  send(message: MailMessage): Promise<void>;
}

/** Real delivery through an SMTP relay (`SMTP_URL`). */
export class SmtpMailer implements Mailer {
  readonly kind = 'smtp';
  private readonly transport: Transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }
}

/**
 * The default until an SMTP relay is configured: each message is written as an .eml file into
 * `DATA_DIR/mail-outbox/` and logged, so a developer can open password-reset and invitation
 * links without a mail server.
 */
export class DevOutboxMailer implements Mailer {
  readonly kind = 'dev-outbox';
  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly log: Logger,
  ) {}
  async send(message: MailMessage): Promise<void> {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const info = await transport.sendMail({ from: this.from, ...message });
    await fs.mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `${uuidv7()}.eml`);
    await fs.writeFile(file, info.message as Buffer);
    this.log.info({ file, subject: message.subject }, 'mail written to the development outbox');
  }
}

/** Keeps messages in memory; tests read them. Can be told to fail to exercise retries. */
export class RecordingMailer implements Mailer {
  readonly kind = 'recording';
  readonly sent: MailMessage[] = [];
  failNext = 0;
  async send(message: MailMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('simulated mail relay failure');
    }
    this.sent.push(message);
  }
}
