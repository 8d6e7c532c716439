/**
 * The local mail catcher: a real SMTP server that keeps every message it is
 * given, and a small inbox (a page and a JSON API) to read them. `npm run dev`
 * and the e2e server start it; the tests start their own.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMessage {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
}

export interface MailCatcher {
  smtpPort: number;
  inboxUrl: string;
  messages(): CaughtMessage[];
  /** Stops answering SMTP (an outage); `startSmtp` brings it back on the same port. */
  stopSmtp(): Promise<void>;
  startSmtp(): Promise<void>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startMailCatcher(options: { smtpPort?: number; inboxPort?: number } = {}): Promise<MailCatcher> {
  const messages: CaughtMessage[] = [];
  let smtpPort = options.smtpPort ?? 0;
  let smtp: SMTPServer | null = null;

  async function startSmtp() {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((address) =>
              address.value.map((entry) => entry.address ?? ''),
            );
            messages.push({
              id: randomUUID(),
              from: parsed.from?.text ?? '',
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              receivedAt: new Date().toISOString(),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(smtpPort, HOST, () => resolve());
    });
    smtpPort = (server.server.address() as AddressInfo).port;
    smtp = server;
  }

  async function stopSmtp() {
    const server = smtp;
    smtp = null;
    if (!server) return;
    // Close open connections too: a stopped server must refuse, not hang.
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  await startSmtp();
  const inbox = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://inbox');
    const to = url.searchParams.get('to')?.toLowerCase();
    const listed = messages.filter((message) => !to || message.to.some((address) => address.toLowerCase() === to));
    if (request.method === 'DELETE' && url.pathname === '/api/messages') {
      messages.length = 0;
      response.writeHead(204).end();
    } else if (url.pathname === '/api/messages') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(listed));
    } else if (url.pathname.startsWith('/messages/')) {
      const message = messages.find((candidate) => candidate.id === url.pathname.slice('/messages/'.length));
      if (!message) response.writeHead(404, { 'content-type': 'text/plain' }).end('No such message');
      // The email's own HTML, sandboxed so its links open but nothing in it runs.
      else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': 'sandbox allow-popups allow-top-navigation-by-user-activation' }).end(message.html || `<pre>${escapeHtml(message.text)}</pre>`);
    } else if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(inboxPage(listed));
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    inbox.once('error', reject);
    inbox.listen(options.inboxPort ?? 0, HOST, () => resolve());
  });
  const inboxPort = (inbox.address() as AddressInfo).port;

  return {
    get smtpPort() {
      return smtpPort;
    },
    inboxUrl: `http://${HOST}:${inboxPort}`,
    messages: () => [...messages],
    stopSmtp,
    startSmtp,
    async close() {
      await stopSmtp();
      await closeHttp(inbox);
    },
  };
}

function closeHttp(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function inboxPage(messages: CaughtMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (message) =>
        `<tr><td>${escapeHtml(message.receivedAt.replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(message.to.join(', '))}</td>` +
        `<td><a href="/messages/${message.id}">${escapeHtml(message.subject)}</a></td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tenantry mail catcher</title>
<meta http-equiv="refresh" content="5">
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#18181b}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e4e4e7}a{color:#4f46e5}</style>
</head><body><h1>Mail catcher</h1><p>Every email the app sends in local mode lands here (JSON: <a href="/api/messages">/api/messages</a>).</p>
<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows || '<tr><td colspan="3">No mail yet.</td></tr>'}</tbody></table></body></html>`;
}
