import { describe, expect, it } from 'vitest';
import { formatApiKey, generateApiKeyParts, hashSecret, looksLikeApiKey, parseApiKey, secretMatches } from '@/lib/api-keys/key-format';

const pepper = Buffer.from('unit-test-pepper-of-at-least-32-characters');

describe('API key format', () => {
  it('makes tnt_<12 base62>_<43 base62> keys that parse back into their parts', () => {
    const parts = generateApiKeyParts();
    const key = formatApiKey(parts);
    expect(key).toMatch(/^tnt_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}$/);
    expect(parseApiKey(key)).toEqual(parts);
  });

  it('never makes the same key twice, and uses the whole alphabet', () => {
    const secrets = Array.from({ length: 200 }, () => generateApiKeyParts().secret);
    expect(new Set(secrets).size).toBe(200);
    expect(new Set(secrets.join('')).size).toBe(62);
  });

  it('does not parse anything else, but recognises the prefix so it never reaches the token verifier', () => {
    for (const text of ['tnt_', 'tnt_abc_def', `tnt_${'a'.repeat(12)}_${'b'.repeat(42)}`, `tnt_${'a'.repeat(12)}_${'b'.repeat(43)}!`, 'eyJhbGciOi.x.y']) {
      expect(parseApiKey(text)).toBeNull();
    }
    expect(looksLikeApiKey('tnt_whatever')).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOi.x.y')).toBe(false);
  });

  it('matches a secret only against its own keyed hash, and only under the same pepper', () => {
    const { secret } = generateApiKeyParts();
    const stored = hashSecret(secret, pepper);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatches(secret, stored, pepper)).toBe(true);
    expect(secretMatches(`${secret.slice(0, -1)}x`, stored, pepper)).toBe(false);
    expect(secretMatches(secret, stored, Buffer.from('another-pepper-of-at-least-32-characters'))).toBe(false);
    expect(secretMatches(secret, 'not hex', pepper)).toBe(false);
  });
});
