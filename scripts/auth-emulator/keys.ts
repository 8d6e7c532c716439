import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { z } from 'zod';
import { writeJsonAtomically } from './persistence';

export { LOCAL_PUBLISHABLE_KEY } from './constants';

export type SigningAlgorithm = 'ES256' | 'RS256';

export interface SigningKey {
  kid: string;
  algorithm: SigningAlgorithm;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** What `/.well-known/jwks.json` publishes for this key. */
  publicJwk: JWK;
}

export interface SigningKeyRing {
  /** Signs every new access token. */
  current: SigningKey;
  /** Every key ever generated in this data dir, so tokens signed before an algorithm switch still verify. */
  all: SigningKey[];
}

const KEYS_FILE = 'signing-keys.json';

const storedKeySchema = z.object({
  kid: z.string().min(1),
  algorithm: z.enum(['ES256', 'RS256']),
  privateJwk: z.record(z.string(), z.unknown()),
});
const keysFileSchema = z.object({ keys: z.array(storedKeySchema) });
type StoredKey = z.infer<typeof storedKeySchema>;

/**
 * Loads the signing keys from `dataDir`, generating (and persisting) one for
 * `algorithm` on first use. Persisting them is what keeps a dev session valid
 * across emulator restarts: the browser's cookie holds a JWT signed by this key.
 */
export async function loadSigningKeys(dataDir: string | null, algorithm: SigningAlgorithm): Promise<SigningKeyRing> {
  const filePath = dataDir ? path.join(dataDir, KEYS_FILE) : null;
  const stored = filePath ? readStoredKeys(filePath) : [];

  let currentStored = stored.find((key) => key.algorithm === algorithm);
  if (!currentStored) {
    currentStored = await generateStoredKey(algorithm);
    stored.push(currentStored);
    if (filePath) writeJsonAtomically(filePath, { keys: stored });
  }

  const all = await Promise.all(stored.map(toSigningKey));
  const current = all.find((key) => key.kid === currentStored.kid);
  if (!current) throw new Error('signing key vanished while loading');
  return { current, all };
}

export function publicJwks(ring: SigningKeyRing): { keys: JWK[] } {
  return { keys: ring.all.map((key) => key.publicJwk) };
}

function readStoredKeys(filePath: string): StoredKey[] {
  if (!existsSync(filePath)) return [];
  const parsed = keysFileSchema.safeParse(JSON.parse(readFileSync(filePath, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${filePath} is not a valid signing key file; delete it to generate new keys`);
  }
  return parsed.data.keys;
}

async function generateStoredKey(algorithm: SigningAlgorithm): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair(algorithm, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  return { kid: randomUUID(), algorithm, privateJwk: { ...privateJwk } };
}

const PRIVATE_JWK_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'key_ops', 'ext']);

async function toSigningKey(stored: StoredKey): Promise<SigningKey> {
  const privateJwk = stored.privateJwk as JWK;
  const publicMembers = Object.fromEntries(
    Object.entries(privateJwk).filter(([member]) => !PRIVATE_JWK_MEMBERS.has(member)),
  );
  // Same members Supabase publishes; no `ext: false`, which WebCrypto would refuse
  // when auth-js imports the key as extractable.
  const publicJwk: JWK = {
    ...publicMembers,
    kid: stored.kid,
    alg: stored.algorithm,
    use: 'sig',
    key_ops: ['verify'],
  };
  const privateKey = await importJWK({ ...privateJwk, alg: stored.algorithm }, stored.algorithm);
  const publicKey = await importJWK({ ...publicMembers, alg: stored.algorithm }, stored.algorithm);
  if (!isCryptoKey(privateKey) || !isCryptoKey(publicKey)) throw new Error('expected asymmetric keys');
  return { kid: stored.kid, algorithm: stored.algorithm, privateKey, publicKey, publicJwk };
}

function isCryptoKey(key: unknown): key is CryptoKey {
  return typeof key === 'object' && key !== null && 'type' in key && 'algorithm' in key;
}
