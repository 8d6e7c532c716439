import 'server-only';
import { and, eq } from 'drizzle-orm';
import { googleConnections, type GoogleConnection } from '@/db/schema';
import type { Caller } from '@/lib/tenant/caller';
import { asSystem } from '@/lib/tenant/system';
import { asUser, type Transaction } from '@/lib/tenant/transaction';
import { googleConfig, type GoogleConfig } from './config';
import { InvalidGrantError, inspectAccessToken, refreshAccessToken, revokeToken } from './google-oauth';
import { openToken, sealToken } from './vault';

/** Refresh this long before Google's expiry, so a token never expires mid-request. */
const REFRESH_MARGIN_MS = 60_000;

export type GoogleAccessProblem = 'off' | 'not_connected' | 'disconnected';

/** Why no access token can be had; the page turns each into a state the user can act on. */
export class GoogleAccessError extends Error {
  constructor(readonly problem: GoogleAccessProblem) {
    super(`Google access: ${problem}`);
    this.name = 'GoogleAccessError';
  }
}

export interface GoogleConnectionSummary {
  scopes: string[];
  status: 'connected' | 'disconnected';
}

/** Binds each ciphertext to its row's owner and scopes (see ./vault.ts). */
const sealContext = (userId: string, scopes: string, field: 'refresh' | 'access') => `google:${userId}:${scopes}:${field}`;

/**
 * Called at the sign-in callback when Google returned a refresh token. The
 * scopes are read back from Google (tokeninfo), not taken from the request.
 * Connections whose scopes the new one covers are replaced by it.
 */
export async function saveGoogleConnection(userId: string, tokens: { accessToken: string; refreshToken: string }) {
  const config = requireConfig();
  const info = await inspectAccessToken(config, tokens.accessToken);
  const scopes = [...new Set(info.scopes)].sort().join(' ');
  const refresh = sealToken(config.keys, tokens.refreshToken, sealContext(userId, scopes, 'refresh'));
  const access = sealToken(config.keys, tokens.accessToken, sealContext(userId, scopes, 'access'));
  const values = {
    keyId: refresh.keyId,
    refreshTokenCiphertext: refresh.ciphertext,
    accessTokenCiphertext: access.ciphertext,
    accessTokenExpiresAt: new Date(Date.now() + info.expiresInSeconds * 1000),
    status: 'connected',
    updatedAt: new Date(),
  };
  // The user id comes from the code exchange just verified; no tenant role may write a token row.
  await asSystem('google-tokens', async (tx) => {
    const existing = await tx.select().from(googleConnections).where(eq(googleConnections.userId, userId));
    const granted = new Set(info.scopes);
    const superseded = existing.filter((row) => row.scopes !== scopes && row.scopes.split(' ').every((scope) => granted.has(scope)));
    for (const row of superseded) await tx.delete(googleConnections).where(eq(googleConnections.id, row.id));
    await tx
      .insert(googleConnections)
      .values({ userId, scopes, ...values })
      .onConflictDoUpdate({ target: [googleConnections.userId, googleConnections.scopes], set: values });
  });
}

/** The user's connections, for /account and the pages that need one. No token leaves this module. */
export async function googleConnectionsOf(caller: Caller): Promise<GoogleConnectionSummary[]> {
  const rows = await asUser(caller, (tx) =>
    tx
      .select({ scopes: googleConnections.scopes, status: googleConnections.status })
      .from(googleConnections)
      .where(eq(googleConnections.userId, caller.userId)),
  );
  return rows.map((row) => ({ scopes: row.scopes.split(' '), status: row.status === 'connected' ? 'connected' : 'disconnected' }));
}

/**
 * A valid Google access token for the caller covering `scopes`, refreshed when
 * it is within a minute of expiry. Server-only: never send it to a browser.
 * Throws GoogleAccessError when there is no usable connection.
 *
 * `rejected`: an access token Google just refused (its clock and ours may
 * disagree, or it was revoked); a fresh one is fetched unless a concurrent
 * caller already replaced it.
 */
export async function getGoogleAccessToken(caller: Caller, scopes: readonly string[], rejected?: string): Promise<string> {
  const config = requireConfig();
  const row = await findConnection(caller, scopes);
  const current = rejected === undefined ? usableAccessToken(config, row) : null;
  if (current) return current;
  return oneRefreshPerUser(caller.userId, async () => {
    // Another caller may have refreshed while this one waited.
    const fresh = await findConnection(caller, scopes);
    const stored = usableAccessToken(config, fresh);
    if (stored && stored !== rejected) return stored;
    return refreshConnection(config, fresh);
  });
}

/**
 * Revokes every grant the user gave at Google and deletes the rows, for
 * Disconnect and for account deletion. Revocation is best effort: the rows
 * go even when Google cannot be reached, so the app forgets the tokens.
 */
export async function disconnectGoogle(caller: Caller): Promise<void> {
  const config = googleConfig();
  const rows = await asUser(caller, (tx) => ownRows(tx, caller));
  // Google is called outside the transaction, so a slow revoke holds no connection.
  if (config) {
    await Promise.allSettled(
      rows.map((row) =>
        revokeToken(config, openToken(config.keys, row.keyId, row.refreshTokenCiphertext, sealContext(caller.userId, row.scopes, 'refresh'))),
      ),
    );
  }
  await asUser(caller, (tx) => tx.delete(googleConnections).where(eq(googleConnections.userId, caller.userId)));
}

function ownRows(tx: Transaction, caller: Caller): Promise<GoogleConnection[]> {
  return tx.select().from(googleConnections).where(eq(googleConnections.userId, caller.userId));
}

function requireConfig(): GoogleConfig {
  const config = googleConfig();
  if (!config) throw new GoogleAccessError('off');
  return config;
}

async function findConnection(caller: Caller, scopes: readonly string[]): Promise<GoogleConnection> {
  const rows = await asUser(caller, (tx) => ownRows(tx, caller));
  const covering = rows.filter((row) => scopes.every((scope) => row.scopes.split(' ').includes(scope)));
  const connected = covering.find((row) => row.status === 'connected');
  if (connected) return connected;
  throw new GoogleAccessError(covering.length > 0 ? 'disconnected' : 'not_connected');
}

function usableAccessToken(config: GoogleConfig, row: GoogleConnection): string | null {
  if (!row.accessTokenCiphertext || !row.accessTokenExpiresAt) return null;
  if (row.accessTokenExpiresAt.getTime() - REFRESH_MARGIN_MS <= Date.now()) return null;
  return openToken(config.keys, row.keyId, row.accessTokenCiphertext, sealContext(row.userId, row.scopes, 'access'));
}

async function refreshConnection(config: GoogleConfig, row: GoogleConnection): Promise<string> {
  const refreshToken = openToken(config.keys, row.keyId, row.refreshTokenCiphertext, sealContext(row.userId, row.scopes, 'refresh'));
  const where = and(eq(googleConnections.id, row.id), eq(googleConnections.userId, row.userId));
  let refreshed;
  try {
    refreshed = await refreshAccessToken(config, refreshToken);
  } catch (error) {
    if (!(error instanceof InvalidGrantError)) throw error;
    await asSystem('google-tokens', (tx) =>
      tx
        .update(googleConnections)
        .set({ status: 'disconnected', accessTokenCiphertext: null, accessTokenExpiresAt: null, updatedAt: new Date() })
        .where(where),
    );
    throw new GoogleAccessError('disconnected');
  }
  // Re-sealed with the current key, so rows move to a new key as they are used.
  const refreshSealed = sealToken(config.keys, refreshToken, sealContext(row.userId, row.scopes, 'refresh'));
  const accessSealed = sealToken(config.keys, refreshed.accessToken, sealContext(row.userId, row.scopes, 'access'));
  await asSystem('google-tokens', (tx) =>
    tx
      .update(googleConnections)
      .set({
        keyId: refreshSealed.keyId,
        refreshTokenCiphertext: refreshSealed.ciphertext,
        accessTokenCiphertext: accessSealed.ciphertext,
        accessTokenExpiresAt: new Date(Date.now() + refreshed.expiresInSeconds * 1000),
        updatedAt: new Date(),
      })
      .where(where),
  );
  return refreshed.accessToken;
}

const inFlight = new Map<string, Promise<unknown>>();

/**
 * One refresh at a time per user in this process: callers queue behind the
 * running one and then find its fresh token, so Google sees one refresh.
 */
async function oneRefreshPerUser<Result>(userId: string, work: () => Promise<Result>): Promise<Result> {
  const previous = inFlight.get(userId) ?? Promise.resolve();
  const run = previous.then(work, work);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  inFlight.set(userId, settled);
  try {
    return await run;
  } finally {
    if (inFlight.get(userId) === settled) inFlight.delete(userId);
  }
}
