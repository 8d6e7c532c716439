/**
 * The verified identity every domain function takes. Built only from a
 * verified credential; the API ignores any user id in a body, query or header.
 *
 * `kind` names what proved the identity: a person's access token, or an
 * organization's API key (lib/api-keys). Code that must tell them apart
 * (routes only a person may call) reads `kind`.
 */
export type Caller = PersonCaller | ApiKeyCaller;

export interface PersonCaller {
  kind: 'person';
  userId: string;
  email: string | null;
  /** The verified claims, handed to Postgres as `request.jwt.claims` for RLS. */
  claims: Record<string, unknown>;
}

/**
 * An organization API key: fixed to one organization, acting with its own role
 * (member or admin), never above its creator's. `userId` is the creator, so the
 * membership check and the database both cap the key at what that person may do.
 */
export interface ApiKeyCaller {
  kind: 'api-key';
  keyId: string;
  keyName: string;
  organizationId: string;
  role: 'admin' | 'member';
  /** The person who created the key. */
  userId: string;
  email: null;
}

/**
 * What Postgres sees as `request.jwt.claims`. A key's claims name the key, and
 * the database checks it on every statement (live, this organization, this
 * role), so a handler's bug cannot take a key beyond its organization.
 */
export function databaseClaims(caller: Caller): Record<string, unknown> {
  if (caller.kind === 'person') return caller.claims;
  return {
    sub: caller.userId,
    role: 'authenticated',
    api_key: { id: caller.keyId, organization_id: caller.organizationId, role: caller.role },
  };
}
