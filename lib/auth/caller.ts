import type { AccessTokenClaims } from './verify-access-token';

/**
 * The verified identity every domain function takes. Built only from a
 * verified token; the API ignores any user id in a body, query or header.
 */
export interface Caller {
  userId: string;
  email: string | null;
  /** The verified claims, handed to Postgres as `request.jwt.claims` for RLS. */
  claims: Record<string, unknown>;
  // api-keys: set when an organization API key is calling (lib/api-keys/verify-api-key.ts).
  // `userId` is then the key's creator, and `claims` carry an `api_key` claim the database honours.
  apiKey?: ApiKeyIdentity;
}

/** The key a caller acts as: fixed to one organization, with the key's own role. */
export interface ApiKeyIdentity {
  id: string;
  name: string;
  organizationId: string;
  organizationSlug: string;
  role: 'admin' | 'member';
}

export function callerFromClaims(claims: AccessTokenClaims): Caller {
  return { userId: claims.sub, email: claims.email, claims: claims.raw };
}
