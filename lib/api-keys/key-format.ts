import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key reads `tnt_<public id>_<secret>`: the fixed prefix lets secret
 * scanners (and people) recognise a leaked one, the public id finds its row
 * in one indexed lookup, and the secret carries the strength: 43 base62
 * characters, about 256 random bits. Base62 only, so a double click selects
 * the whole key and `_` stays a separator.
 */
export const API_KEY_PREFIX = 'tnt_';
const PUBLIC_ID_LENGTH = 12;
const SECRET_LENGTH = 43;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}([0-9A-Za-z]{${PUBLIC_ID_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})$`);

export interface ApiKeyParts {
  publicId: string;
  secret: string;
}

/** True for anything that claims to be one of our keys (well formed or not), so it never goes to the JWT verifier. */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

export function formatApiKey({ publicId, secret }: ApiKeyParts): string {
  return `${API_KEY_PREFIX}${publicId}_${secret}`;
}

/** The key's parts, or null when it is not in the format (a typo, a truncated paste). */
export function parseApiKey(token: string): ApiKeyParts | null {
  const match = KEY_PATTERN.exec(token);
  return match ? { publicId: match[1]!, secret: match[2]! } : null;
}

export function generateApiKeyParts(): ApiKeyParts {
  return { publicId: randomBase62(PUBLIC_ID_LENGTH), secret: randomBase62(SECRET_LENGTH) };
}

/**
 * HMAC-SHA-256 of the secret under the server's pepper. A slow password hash
 * buys nothing for 256 random bits, and would make every request slow; the
 * pepper means a copy of the table alone cannot even test a guess.
 */
export function hashSecret(secret: string, pepper: Buffer): string {
  return createHmac('sha256', pepper).update(secret).digest('hex');
}

/** Constant-time comparison of the presented secret's hash with the stored one. */
export function secretMatches(secret: string, storedHash: string, pepper: Buffer): boolean {
  const presented = Buffer.from(hashSecret(secret, pepper), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Uniform base62 characters: bytes of 248 and above are dropped (248 = 4 × 62), so no character is likelier. */
function randomBase62(length: number): string {
  let text = '';
  while (text.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && text.length < length) text += BASE62[byte % 62];
    }
  }
  return text;
}
