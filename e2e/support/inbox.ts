import { expect } from '@playwright/test';
import type { CaughtMessage } from '../../scripts/mail-catcher/server';
import { E2E_INBOX_PORT } from '../../scripts/mail-catcher/ports';

/** The e2e server's mail catcher (scripts/e2e-server.ts). */
const INBOX_URL = `http://127.0.0.1:${process.env.E2E_INBOX_PORT ?? E2E_INBOX_PORT}`;

/** The newest email to `address` whose subject matches, waiting for the app to send it. */
export async function emailTo(address: string, subject: RegExp): Promise<CaughtMessage> {
  let found: CaughtMessage | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${INBOX_URL}/api/messages?to=${encodeURIComponent(address)}`);
        const messages = (await response.json()) as CaughtMessage[];
        found = messages.reverse().find((message) => subject.test(message.subject));
        return found !== undefined;
      },
      { timeout: 20_000, message: `an email to ${address} with subject ${subject}` },
    )
    .toBe(true);
  return found!;
}

/** The first link in an email's plain text that starts with `prefix`. */
export function linkIn(message: CaughtMessage, prefix: string): string {
  const link = message.text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`no link starting ${prefix} in: ${message.text}`);
  return link.replace(/[).,\]]+$/, '');
}
