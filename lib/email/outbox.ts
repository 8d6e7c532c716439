import 'server-only';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { env } from '@/lib/env';
import { asSystem } from '@/lib/tenant/system';
import { resultRows } from '@/lib/tenant/transaction';
import { renderEmail } from './render-email';
import type { deliveryReportSchema } from './operations';
import { openToken } from './seal';
import { outboxSecret } from './secret';
import { EMAIL_KINDS, type EmailKind, type EmailPayload } from './templates/contents';
import { emailFrom, smtpSender, smtpUrl, type SendEmail } from './transport';

/** After this many attempts an email is given up on and shown as failed. */
export const MAX_ATTEMPTS = 8;
/** How long a claimed row is left to its sender before another sweep may take it (the sender died). */
const CLAIM_LEASE_SECONDS = 300;

/** Waits between attempts: 30 s, 1 min, 2 min, … capped at 1 hour, so an hour-long outage costs a few tries. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

interface OutboxRow {
  id: string;
  kind: string;
  to_email: string;
  payload: EmailPayload;
  sealed_token: string | null;
  attempts: number;
}

export type DeliveryReport = z.infer<typeof deliveryReportSchema>;

export interface DeliveryOptions {
  /** How to send; the SMTP server of the environment by default. */
  send?: SendEmail;
  /** The sweep's clock: rows due by then are sent (tests move it past a backoff instead of waiting). */
  now?: Date;
  batch?: number;
}

/**
 * Sends the emails that are due. Each row is claimed by one statement with
 * FOR UPDATE SKIP LOCKED, so sweeps running at once in several app instances
 * take different rows and every row is sent at most once; a failure is
 * retried with backoff, and a permanent one (a 5xx answer, or MAX_ATTEMPTS)
 * is recorded for the organization's admins to see.
 */
export async function deliverDueEmails(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  let sender = options.send ? { send: options.send, close() {} } : null;
  if (!sender) {
    const url = smtpUrl();
    if (!url) return report; // EMAIL=off
    sender = smtpSender(url, emailFrom());
  }
  const now = options.now ?? new Date();
  try {
    const claimed = resultRows<OutboxRow>(
      await asSystem('email-delivery', (tx) => tx.execute(sql`
        update public.email_outbox o
        set status = 'sending', attempts = o.attempts + 1,
            next_attempt_at = ${now.toISOString()}::timestamptz + make_interval(secs => ${CLAIM_LEASE_SECONDS})
        where o.id in (
          select e.id from public.email_outbox e
          where e.status in ('pending', 'sending') and e.next_attempt_at <= ${now.toISOString()}::timestamptz
          order by e.next_attempt_at
          limit ${options.batch ?? 50}
          for update skip locked
        )
        returning o.id, o.kind, o.to_email, o.payload, o.sealed_token, o.attempts`)),
    );
    for (const row of claimed) {
      const outcome = await deliverOne(row, sender.send);
      // Each outcome is its own short transaction: SMTP is never waited on while a row or the connection is held.
      const record = (statement: ReturnType<typeof sql>) => asSystem('email-delivery', (tx) => tx.execute(statement));
      if (outcome === null) {
        await record(sql`
          update public.email_outbox set status = 'sent', sent_at = now(), sealed_token = null, last_error = null
          where id = ${row.id}::uuid`);
        report.sent += 1;
      } else if (outcome.permanent || row.attempts >= MAX_ATTEMPTS) {
        await record(sql`
          update public.email_outbox set status = 'failed', sealed_token = null, last_error = ${outcome.message}, next_attempt_at = now()
          where id = ${row.id}::uuid`);
        report.failed += 1;
      } else {
        await record(sql`
          update public.email_outbox
          set status = 'pending', last_error = ${outcome.message},
              next_attempt_at = ${now.toISOString()}::timestamptz + make_interval(secs => ${retryDelaySeconds(row.attempts)})
          where id = ${row.id}::uuid`);
        report.retrying += 1;
      }
    }
  } finally {
    sender.close();
  }
  return report;
}

/** Null when sent; otherwise why not, and whether trying again could help. */
async function deliverOne(row: OutboxRow, send: SendEmail): Promise<{ message: string; permanent: boolean } | null> {
  if (!(EMAIL_KINDS as readonly string[]).includes(row.kind)) {
    return { message: `unknown email kind ${row.kind}`, permanent: true };
  }
  const siteUrl = env().NEXT_PUBLIC_SITE_URL;
  const token = row.sealed_token ? openToken(row.sealed_token, outboxSecret()) : null;
  try {
    const email = await renderEmail({
      kind: row.kind as EmailKind,
      payload: row.payload,
      siteUrl,
      acceptUrl: token ? `${siteUrl}/invite/${token}` : null,
      toEmail: row.to_email,
    });
    await send({ to: row.to_email, ...email });
    return null;
  } catch (error) {
    const responseCode = (error as { responseCode?: unknown }).responseCode;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    // 5xx is the server saying no for good (unknown mailbox, refused sender); anything else may pass later.
    return { message, permanent: typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 };
  }
}
