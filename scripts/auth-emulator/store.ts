import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomically } from './persistence';

/**
 * The emulator's tables, mirroring GoTrue's `users`, `identities`, `sessions`,
 * `refresh_tokens` and `flow_state` closely enough that the same rules
 * (rotation, reuse detection, single-use codes) can be written against them.
 * Timestamps are epoch milliseconds; the HTTP layer formats them.
 */
const amrEntrySchema = z.object({ method: z.string(), timestamp: z.number() });

const identitySchema = z.object({
  identityId: z.string(),
  /** The provider's id for the account (Google's `sub`). */
  providerId: z.string(),
  identityData: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastSignInAt: z.number(),
});

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  emailConfirmedAt: z.number(),
  lastSignInAt: z.number().nullable(),
  userMetadata: z.record(z.string(), z.unknown()),
  identity: identitySchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});

const sessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  amr: z.array(amrEntrySchema),
  createdAt: z.number(),
  refreshedAt: z.number().nullable(),
});

const refreshTokenSchema = z.object({
  /** Monotonic, like the bigserial GoTrue orders by to find the active token. */
  id: z.number(),
  token: z.string(),
  sessionId: z.string(),
  userId: z.string(),
  parent: z.string().nullable(),
  revoked: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const flowStateSchema = z.object({
  id: z.string(),
  /** Null for the implicit flow (no `code_challenge`), which gets tokens in the fragment instead. */
  authCode: z.string().nullable(),
  codeChallenge: z.string().nullable(),
  codeChallengeMethod: z.enum(['s256', 'plain']).nullable(),
  providerType: z.string(),
  /** Where the browser goes afterwards: the validated `redirect_to`, the Referer, or the site URL. */
  referrer: z.string(),
  userId: z.string().nullable(),
  providerAccessToken: z.string().nullable(),
  /** Google's refresh token, present only when the app asked for offline access. */
  providerRefreshToken: z.string().nullable().default(null),
  /** What the app passed as `scopes` and `access_type`, kept for the Google stand-in's grant. */
  providerScopes: z.string().default(''),
  providerOffline: z.boolean().default(false),
  createdAt: z.number(),
});

/** One consent a user gave the app at the Google stand-in (scripts/auth-emulator/google/). */
const googleGrantSchema = z.object({
  id: z.string(),
  userId: z.string(),
  scopes: z.array(z.string()),
  refreshToken: z.string().nullable(),
  accessTokens: z.array(z.object({ token: z.string(), expiresAt: z.number() })),
  revoked: z.boolean(),
  createdAt: z.number(),
});

const stateSchema = z.object({
  users: z.array(userSchema),
  sessions: z.array(sessionSchema),
  refreshTokens: z.array(refreshTokenSchema),
  flowStates: z.array(flowStateSchema),
  nextRefreshTokenId: z.number(),
  googleGrants: z.array(googleGrantSchema).default([]),
});

export type AmrEntry = z.infer<typeof amrEntrySchema>;
export type StoredUser = z.infer<typeof userSchema>;
export type StoredSession = z.infer<typeof sessionSchema>;
export type StoredRefreshToken = z.infer<typeof refreshTokenSchema>;
export type StoredFlowState = z.infer<typeof flowStateSchema>;
export type StoredGoogleGrant = z.infer<typeof googleGrantSchema>;
export type EmulatorState = z.infer<typeof stateSchema>;

export interface Store {
  readonly state: EmulatorState;
  /** Call after every change; a no-op in memory-only mode. */
  save(): void;
}

const STATE_FILE = 'state.json';

export function openStore(dataDir: string | null): Store {
  const filePath = dataDir ? path.join(dataDir, STATE_FILE) : null;
  const state = filePath && existsSync(filePath) ? readState(filePath) : emptyState();
  return {
    state,
    save() {
      if (filePath) writeJsonAtomically(filePath, state);
    },
  };
}

function emptyState(): EmulatorState {
  return { users: [], sessions: [], refreshTokens: [], flowStates: [], nextRefreshTokenId: 1, googleGrants: [] };
}

function readState(filePath: string): EmulatorState {
  const parsed = stateSchema.safeParse(JSON.parse(readFileSync(filePath, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${filePath} does not match the emulator's state format; delete it to start with no users`);
  }
  return parsed.data;
}

export function findUserById(state: EmulatorState, id: string): StoredUser | undefined {
  return state.users.find((user) => user.id === id);
}

export function findUserByEmail(state: EmulatorState, email: string): StoredUser | undefined {
  const normalized = email.toLowerCase();
  return state.users.find((user) => user.email === normalized);
}

export function findSession(state: EmulatorState, id: string): StoredSession | undefined {
  return state.sessions.find((session) => session.id === id);
}

/** Deleting a session takes its refresh tokens with it, as the foreign key cascade does in GoTrue. */
export function deleteSessions(state: EmulatorState, shouldDelete: (session: StoredSession) => boolean) {
  const doomed = new Set(state.sessions.filter(shouldDelete).map((session) => session.id));
  state.sessions = state.sessions.filter((session) => !doomed.has(session.id));
  state.refreshTokens = state.refreshTokens.filter((token) => !doomed.has(token.sessionId));
}
