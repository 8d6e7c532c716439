import 'server-only';
import { after } from 'next/server';
import { env } from '@/lib/env';
import { deliverDueEmails } from './outbox';

let running: Promise<unknown> | null = null;
let again = false;

/** One sweep at a time in this process; a request that queues mail during a sweep gets one more after it. */
export function deliverNow(): Promise<unknown> {
  if (running) {
    again = true;
    return running;
  }
  running = deliverDueEmails()
    .catch((error: unknown) => console.error(`[email] delivery failed: ${error instanceof Error ? error.message : String(error)}`))
    .finally(() => {
      running = null;
      if (again) {
        again = false;
        void deliverNow();
      }
    });
  return running;
}

/**
 * Sends the mail a request queued once its response is out (Next's after()),
 * so the user does not wait on SMTP. What fails here is left to the sweep
 * (/api/cron/email, and a timer in local mode).
 */
export function scheduleEmailDelivery(): void {
  if (env().EMAIL === 'off') return;
  try {
    after(deliverNow);
  } catch {
    // Outside a request (a script, a test): the sweep delivers.
  }
}

/** Local mode has no scheduler calling /api/cron/email: this process sweeps itself. */
export function startLocalEmailSweep(intervalMs = 5_000): void {
  const holder = globalThis as { __tenantryEmailSweep?: NodeJS.Timeout };
  if (holder.__tenantryEmailSweep || !env().LOCAL_MODE || env().EMAIL === 'off') return;
  holder.__tenantryEmailSweep = setInterval(() => void deliverNow(), intervalMs);
  holder.__tenantryEmailSweep.unref();
}
