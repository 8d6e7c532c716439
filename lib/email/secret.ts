import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

let cached: string | undefined;

/**
 * The key invitation tokens are sealed under in the outbox. Outside local
 * mode it is OUTBOX_SECRET (the environment refuses to start without it);
 * local mode makes one once and keeps it beside the local database, so mail
 * queued before a restart can still be sent after it.
 */
export function outboxSecret(): string {
  if (cached) return cached;
  const { OUTBOX_SECRET, LOCAL_DATA_DIR, LOCAL_MODE } = env();
  if (OUTBOX_SECRET) return (cached = OUTBOX_SECRET);
  if (!LOCAL_MODE) throw new Error('OUTBOX_SECRET is not set');
  const file = path.resolve(LOCAL_DATA_DIR, 'outbox-secret');
  try {
    cached = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    cached = randomBytes(32).toString('base64url');
    writeFileSync(file, cached, { mode: 0o600, flag: 'wx' });
  }
  return cached;
}
