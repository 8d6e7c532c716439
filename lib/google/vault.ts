import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from './key-ring';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class VaultError extends Error {}

/**
 * AES-256-GCM with a fresh 96-bit nonce per value. `context` (user id and
 * scopes) is authenticated but not stored in the ciphertext, so a value copied
 * into another user's row fails to decrypt instead of lending them a token.
 */
export function sealToken(keys: readonly EncryptionKey[], plaintext: string, context: string): { keyId: string; ciphertext: string } {
  const current = keys[0];
  if (!current) throw new VaultError('no encryption key');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  return { keyId: current.id, ciphertext: `${VERSION}.${sealed}` };
}

export function openToken(keys: readonly EncryptionKey[], keyId: string, ciphertext: string, context: string): string {
  const key = keys.find((candidate) => candidate.id === keyId);
  if (!key) throw new VaultError(`key ${keyId} is not in TOKEN_ENCRYPTION_KEY`);
  const [version, encoded] = ciphertext.split('.', 2);
  if (version !== VERSION || !encoded) throw new VaultError('unknown ciphertext format');
  const sealed = Buffer.from(encoded, 'base64url');
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new VaultError('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new VaultError('ciphertext failed authentication');
  }
}
