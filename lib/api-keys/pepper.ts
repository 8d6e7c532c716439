import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

let cached: { source: string; pepper: Buffer } | undefined;

/**
 * The secret API key hashes are keyed with (API_KEY_PEPPER). Outside local
 * mode lib/env.ts refuses to start without it. Local mode makes one on first
 * use and keeps it under LOCAL_DATA_DIR, beside the local database whose keys
 * it verifies. Changing it invalidates every key.
 */
export function apiKeyPepper(): Buffer {
  const { API_KEY_PEPPER, LOCAL_DATA_DIR } = env();
  const source = API_KEY_PEPPER ?? `file:${LOCAL_DATA_DIR}`;
  if (cached?.source === source) return cached.pepper;
  const pepper = API_KEY_PEPPER ? Buffer.from(API_KEY_PEPPER, 'utf8') : localPepper(LOCAL_DATA_DIR);
  cached = { source, pepper };
  return pepper;
}

function localPepper(dataDir: string): Buffer {
  const file = path.resolve(dataDir, 'api-key-pepper');
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // `wx`: two processes starting at once keep the first one's pepper.
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
}
