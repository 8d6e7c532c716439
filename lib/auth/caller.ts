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
}

export function callerFromClaims(claims: AccessTokenClaims): Caller {
  return { userId: claims.sub, email: claims.email, claims: claims.raw };
}
