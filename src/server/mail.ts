import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger as Logger } from 'fastify';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * SMTP when SMTP_URL is set; otherwise each message becomes an .eml file under DATA_DIR/mail, so a demo
 * or a first install can read what would have been sent.
 */
export function createMailer(
  cfg: { smtpUrl?: string; mailFrom: string; dataDir: string },
  log: Logger,
): Mailer {
  if (cfg.smtpUrl) {
    const transport = nodemailer.createTransport(cfg.smtpUrl);
    return {
      async send(m) {
        await transport.sendMail({ from: cfg.mailFrom, to: m.to, subject: m.subject, text: m.text });
        log.info({ mail: 'sent' }, 'mail sent');
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = join(cfg.dataDir, 'mail');
  return {
    async send(m) {
      const info = await transport.sendMail({
        from: cfg.mailFrom,
        to: m.to,
        subject: m.subject,
        text: m.text,
      });
      mkdirSync(dir, { recursive: true });
      const file = join(
        dir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`,
      );
      writeFileSync(file, info.message as Buffer);
      log.info({ mail: 'written', file }, 'mail written to file (SMTP_URL not set)');
    },
  };
}
