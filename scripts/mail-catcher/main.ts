/** `npm run dev` runs this: the mail catcher on MAIL_CATCHER_SMTP_PORT and MAIL_CATCHER_INBOX_PORT. */
import { startMailCatcher } from './server';

const catcher = await startMailCatcher({
  smtpPort: Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025),
  inboxPort: Number(process.env.MAIL_CATCHER_INBOX_PORT ?? 1080),
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void catcher.close().then(() => process.exit(0)));
}
