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
  /** When another algorithm's key replaced this one (epoch ms); null for the current key. */
  retiredAt: number | null;
}

export interface SigningKeyRing {
  /** Signs every new access token. */
  current: SigningKey;
  /** The current key and the keys retired within the rotation window, so tokens signed just before a switch still verify. */
  all: SigningKey[];
  /** How long a retired key keeps verifying (and stays in the JWKS) after the algorithm changed. */
  rotationWindowMs: number;
}

const KEYS_FILE = 'signing-keys.json';

const storedKeySchema = z.object({
  kid: z.string().min(1),
  algorithm: z.enum(['ES256', 'RS256']),
  privateJwk: z.record(z.string(), z.unknown()),
  retiredAt: z.number().nullable().default(null),
});
const keysFileSchema = z.object({ keys: z.array(storedKeySchema) });
type StoredKey = z.infer<typeof storedKeySchema>;

/**
 * Loads the signing keys from `dataDir`, generating (and persisting) one for
 * `algorithm` on first use. Persisting them is what keeps a dev session valid
 * across emulator restarts: the browser's cookie holds a JWT signed by this key.
 */
export async function loadSigningKeys(
  dataDir: string | null,
  algorithm: SigningAlgorithm,
  rotation: { now: number; windowSeconds: number } = { now: Date.now(), windowSeconds: 3600 },
): Promise<SigningKeyRing> {
  const filePath = dataDir ? path.join(dataDir, KEYS_FILE) : null;
  const rotationWindowMs = rotation.windowSeconds * 1000;
  const loaded = filePath ? readStoredKeys(filePath) : [];

  let currentStored = loaded.find((key) => key.algorithm === algorithm);
  if (!currentStored) {
    currentStored = await generateStoredKey(algorithm);
    loaded.push(currentStored);
  }
  // Like Supabase's key rotation: the replaced key verifies for a while, then
  // leaves the JWKS. Keeping every old key forever would break verifiers that
  // take the first key of the JWKS instead of selecting by `kid`.
  const current = currentStored;
  current.retiredAt = null;
  for (const key of loaded) if (key !== current && key.retiredAt === null) key.retiredAt = rotation.now;
  const stored = loaded.filter((key) => key.retiredAt === null || rotation.now - key.retiredAt < rotationWindowMs);
  if (filePath) writeJsonAtomically(filePath, { keys: stored });

  const all = await Promise.all(stored.map(toSigningKey));
  const currentKey = all.find((key) => key.kid === current.kid);
  if (!currentKey) throw new Error('signing key vanished while loading');
  return { current: currentKey, all, rotationWindowMs };
}

/** The keys that verify at `now`: the current one and those retired less than the rotation window ago. */
export function verificationKeys(ring: SigningKeyRing, now: number): SigningKey[] {
  return ring.all.filter((key) => key.retiredAt === null || now - key.retiredAt < ring.rotationWindowMs);
}

export function publicJwks(ring: SigningKeyRing, now: number): { keys: JWK[] } {
  return { keys: verificationKeys(ring, now).map((key) => key.publicJwk) };
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
  return { kid: randomUUID(), algorithm, privateJwk: { ...privateJwk }, retiredAt: null };
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
  return { kid: stored.kid, algorithm: stored.algorithm, privateKey, publicKey, publicJwk, retiredAt: stored.retiredAt };
}

function isCryptoKey(key: unknown): key is CryptoKey {
  return typeof key === 'object' && key !== null && 'type' in key && 'algorithm' in key;
}
