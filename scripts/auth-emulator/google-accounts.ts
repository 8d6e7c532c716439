import { createHash, randomUUID } from 'node:crypto';
import type { EmulatorContext } from './context';
import { findUserByEmail, type StoredUser } from './store';

export interface TestAccount {
  email: string;
  name: string;
}

/** The accounts offered as one-click choices on the sign-in page. */
export const SEEDED_ACCOUNTS: readonly TestAccount[] = [
  { email: 'ada@example.com', name: 'Ada Lovelace' },
  { email: 'grace@example.com', name: 'Grace Hopper' },
  { email: 'alan@example.com', name: 'Alan Turing' },
];

const GOOGLE_ISSUER = 'https://accounts.google.com';

/**
 * Ids derive from the lower-cased email, so the same person gets the same user
 * id even after the data dir is wiped; a database that still holds their
 * profile row keyed on `sub` keeps matching.
 */
export function userIdForEmail(email: string): string {
  const hex = digest(`tenantry-auth-emulator:user:${email.toLowerCase()}`).slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const joined = hex.join('');
  return `${joined.slice(0, 8)}-${joined.slice(8, 12)}-${joined.slice(12, 16)}-${joined.slice(16, 20)}-${joined.slice(20)}`;
}

/** Google's `sub` is a 21-digit decimal string. */
function googleSubjectForEmail(email: string): string {
  const value = BigInt(`0x${digest(`tenantry-auth-emulator:google-sub:${email.toLowerCase()}`).slice(0, 24)}`);
  return `1${(value % 10n ** 20n).toString().padStart(20, '0')}`;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function avatarUrl(context: EmulatorContext, userId: string): string {
  return `${context.url}/auth/v1/emulator/avatar/${userId}.svg`;
}

export function displayNameFor(email: string, name: string): string {
  const trimmed = name.trim();
  if (trimmed) return trimmed;
  const localPart = email.split('@', 1)[0] ?? email;
  return localPart.charAt(0).toUpperCase() + localPart.slice(1);
}

/**
 * Creates or updates the user for a Google sign-in, the way GoTrue's callback
 * does: the identity data is replaced with what Google returned and copied into
 * `user_metadata`; the email counts as verified.
 */
export function upsertGoogleUser(context: EmulatorContext, account: TestAccount): StoredUser {
  const { state } = context.store;
  const now = context.now();
  const email = account.email.trim().toLowerCase();
  const name = displayNameFor(email, account.name);
  const id = userIdForEmail(email);
  const subject = googleSubjectForEmail(email);
  const picture = avatarUrl(context, id);
  const identityData: Record<string, unknown> = {
    avatar_url: picture,
    email,
    email_verified: true,
    full_name: name,
    iss: GOOGLE_ISSUER,
    name,
    phone_verified: false,
    picture,
    provider_id: subject,
    sub: subject,
  };

  const existing = findUserByEmail(state, email);
  if (existing) {
    existing.userMetadata = { ...existing.userMetadata, ...identityData };
    existing.identity.identityData = identityData;
    existing.identity.lastSignInAt = now;
    existing.identity.updatedAt = now;
    existing.updatedAt = now;
    return existing;
  }

  const user: StoredUser = {
    id,
    email,
    emailConfirmedAt: now,
    lastSignInAt: null,
    userMetadata: { ...identityData },
    identity: {
      identityId: randomUUID(),
      providerId: subject,
      identityData,
      createdAt: now,
      updatedAt: now,
      lastSignInAt: now,
    },
    createdAt: now,
    updatedAt: now,
  };
  state.users.push(user);
  return user;
}
