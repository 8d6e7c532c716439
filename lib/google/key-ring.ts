/**
 * TOKEN_ENCRYPTION_KEY: one or more `id:key` pairs, comma-separated, each key
 * 32 random bytes in base64 (`openssl rand -base64 32`). The first encrypts;
 * every one decrypts, so a new key goes first and an old one stays listed
 * until no row uses it.
 *
 * Not `server-only`: lib/env.ts validates the format at start. It holds no key.
 */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export class KeyRingError extends Error {}

const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export function parseKeyRing(setting: string): EncryptionKey[] {
  const keys = setting
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const separator = entry.indexOf(':');
      const id = entry.slice(0, separator);
      if (separator < 1 || !KEY_ID_PATTERN.test(id)) {
        throw new KeyRingError('must be id:base64key pairs such as k1:<openssl rand -base64 32>');
      }
      const key = Buffer.from(entry.slice(separator + 1), 'base64');
      if (key.length !== 32) throw new KeyRingError(`key ${id} must be 32 bytes in base64 (openssl rand -base64 32)`);
      return { id, key };
    });
  if (keys.length === 0) throw new KeyRingError('must hold at least one id:base64key pair');
  if (new Set(keys.map((key) => key.id)).size !== keys.length) throw new KeyRingError('names a key id twice');
  return keys;
}
