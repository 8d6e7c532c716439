import 'server-only';
import nodemailer from 'nodemailer';
import { env } from '@/lib/env';
import { LOCAL_HOST } from '@/lib/local-stand-ins';

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Sends one message; throws with the SMTP server's answer when it is refused. */
export type SendEmail = (message: OutgoingEmail) => Promise<void>;

const LOCAL_FROM = 'Tenantry <no-reply@tenantry.localhost>';

/** Where mail goes: SMTP_URL, or the local mail catcher in local mode. Null when EMAIL=off. */
export function smtpUrl(): string | null {
  const { EMAIL, SMTP_URL, LOCAL_MODE, MAIL_CATCHER_SMTP_PORT } = env();
  if (EMAIL === 'off') return null;
  if (SMTP_URL) return SMTP_URL;
  if (LOCAL_MODE) return `smtp://${LOCAL_HOST}:${MAIL_CATCHER_SMTP_PORT}`;
  throw new Error('SMTP_URL is not set');
}

/** A sender over SMTP at `url`: one connection per sweep, closed by `close`. */
export function smtpSender(url: string, from: string): { send: SendEmail; close(): void } {
  const transporter = nodemailer.createTransport({
    url,
    // An unreachable server must fail the attempt quickly: the sweep retries it later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transporter.sendMail({ from, ...message });
    },
    close: () => transporter.close(),
  };
}

export function emailFrom(): string {
  return env().EMAIL_FROM ?? LOCAL_FROM;
}
