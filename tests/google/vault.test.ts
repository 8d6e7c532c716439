import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyRingError, parseKeyRing } from '@/lib/google/key-ring';
import { openToken, sealToken, VaultError } from '@/lib/google/vault';

const keyText = () => randomBytes(32).toString('base64');
const CONTEXT = 'google:user-1:drive:refresh';

describe('the token vault', () => {
  it('round-trips a token and never leaves it readable in the ciphertext', () => {
    const keys = parseKeyRing(`k1:${keyText()}`);
    const sealed = sealToken(keys, '1//refresh-token-value', CONTEXT);
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext).not.toContain('refresh-token-value');
    expect(openToken(keys, 'k1', sealed.ciphertext, CONTEXT)).toBe('1//refresh-token-value');
    // A fresh nonce each time: the same token never seals to the same text.
    expect(sealToken(keys, '1//refresh-token-value', CONTEXT).ciphertext).not.toBe(sealed.ciphertext);
  });

  it('refuses a tampered ciphertext, another row’s context and an unknown key', () => {
    const keys = parseKeyRing(`k1:${keyText()}`);
    const { ciphertext } = sealToken(keys, 'secret', CONTEXT);
    const body = ciphertext.slice(3);
    const flipped = `v1.${body.slice(0, -2)}${body.at(-2) === 'A' ? 'B' : 'A'}${body.at(-1)}`;
    expect(() => openToken(keys, 'k1', flipped, CONTEXT)).toThrow(VaultError);
    expect(() => openToken(keys, 'k1', ciphertext, 'google:user-2:drive:refresh')).toThrow(VaultError);
    expect(() => openToken(keys, 'k2', ciphertext, CONTEXT)).toThrow(/k2 is not in TOKEN_ENCRYPTION_KEY/);
    expect(() => openToken(parseKeyRing(`k1:${keyText()}`), 'k1', ciphertext, CONTEXT)).toThrow(VaultError);
  });

  it('rotates: a new key listed first encrypts, the old one still decrypts until it is removed', () => {
    const oldKey = keyText();
    const before = parseKeyRing(`k1:${oldKey}`);
    const sealedBefore = sealToken(before, 'token', CONTEXT);

    const during = parseKeyRing(`k2:${keyText()},k1:${oldKey}`);
    expect(openToken(during, sealedBefore.keyId, sealedBefore.ciphertext, CONTEXT)).toBe('token');
    const sealedDuring = sealToken(during, 'token', CONTEXT);
    expect(sealedDuring.keyId).toBe('k2');

    const after = parseKeyRing(during.filter((key) => key.id === 'k2').map((key) => `k2:${key.key.toString('base64')}`).join(','));
    expect(openToken(after, 'k2', sealedDuring.ciphertext, CONTEXT)).toBe('token');
    expect(() => openToken(after, 'k1', sealedBefore.ciphertext, CONTEXT)).toThrow(VaultError);
  });

  it('TOKEN_ENCRYPTION_KEY must be id:base64 pairs of 32-byte keys with distinct ids', () => {
    expect(() => parseKeyRing('')).toThrow(KeyRingError);
    expect(() => parseKeyRing(keyText())).toThrow(/id:base64key/);
    expect(() => parseKeyRing(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    const key = keyText();
    expect(() => parseKeyRing(`k1:${key},k1:${key}`)).toThrow(/twice/);
  });
});
