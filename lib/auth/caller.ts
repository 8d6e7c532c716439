import type { Caller } from '@/lib/tenant/caller';
import type { AccessTokenClaims } from './verify-access-token';

export function callerFromClaims(claims: AccessTokenClaims): Caller {
  return { kind: 'person', userId: claims.sub, email: claims.email, claims: claims.raw };
}
