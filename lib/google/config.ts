import 'server-only';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { env } from '@/lib/env';
import { parseKeyRing, type EncryptionKey } from './key-ring';

export interface GoogleConfig {
  clientId: string;
  clientSecret: string;
  keys: EncryptionKey[];
  tokenUrl: string;
  revokeUrl: string;
  tokenInfoUrl: string;
  driveFilesUrl: string;
}

/** What the local Google stand-in accepts; it checks that a client is named, not which. */
const LOCAL_CLIENT = { clientId: 'local-google-client', clientSecret: 'local-google-secret' };
const LOCAL_KEY_FILE = 'google-token-key';

/** Google's endpoints when GOOGLE_API_BASE_URL is unset; they sit on two hosts. */
const GOOGLE_ENDPOINTS = {
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  tokenInfoUrl: 'https://oauth2.googleapis.com/tokeninfo',
  driveFilesUrl: 'https://www.googleapis.com/drive/v3/files',
};

let cached: GoogleConfig | null | undefined;

/** Null when GOOGLE_ACCESS=off. lib/env.ts has already refused a production start without the variables. */
export function googleConfig(): GoogleConfig | null {
  if (cached !== undefined) return cached;
  const settings = env();
  if (settings.GOOGLE_ACCESS === 'off') return (cached = null);
  const base =
    settings.GOOGLE_API_BASE_URL ?? (settings.isLocalAuth || settings.LOCAL_MODE ? `${settings.supabaseUrl}/auth/v1/emulator/google` : undefined);
  cached = {
    clientId: settings.GOOGLE_CLIENT_ID ?? LOCAL_CLIENT.clientId,
    clientSecret: settings.GOOGLE_CLIENT_SECRET ?? LOCAL_CLIENT.clientSecret,
    keys: settings.TOKEN_ENCRYPTION_KEY ? parseKeyRing(settings.TOKEN_ENCRYPTION_KEY) : [localKey(settings.LOCAL_DATA_DIR)],
    ...(base
      ? { tokenUrl: `${base}/token`, revokeUrl: `${base}/revoke`, tokenInfoUrl: `${base}/tokeninfo`, driveFilesUrl: `${base}/drive/v3/files` }
      : GOOGLE_ENDPOINTS),
  };
  return cached;
}

/**
 * Local mode without TOKEN_ENCRYPTION_KEY: a key generated once and kept with
 * the local database, so stored tokens survive a restart. Never used outside
 * local mode (lib/env.ts requires the variable there).
 */
function localKey(dataDir: string): EncryptionKey {
  const file = path.resolve(dataDir, LOCAL_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `local:${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const [key] = parseKeyRing(readFileSync(file, 'utf8').trim());
  if (!key) throw new Error(`${file} holds no key`);
  return key;
}

/** Tests only: forget the configuration read from the environment. */
export function resetGoogleConfigForTests() {
  cached = undefined;
}
