import 'server-only';
import type { Membership, Organization } from '@/db/schema';
import type { Caller } from './caller';

interface Scope {
  organization: Organization;
  membership: Membership;
}

const MAX_REMEMBERED = 10_000;

/**
 * The organization and membership the last check found, per caller and slug,
 * in this process: what a read-only request may assume while the database
 * checks it again (./membership.ts). Never trusted on its own, so it needs no
 * expiry; bounded, so memory stays flat however many callers come.
 */
const scopes = new Map<string, { scope: Scope; fingerprint: string }>();

function keyOf(caller: Caller, slug: string): string {
  return `${caller.kind === 'api-key' ? `key:${caller.keyId}` : caller.userId}\u0000${slug}`;
}

/** Every column of both rows: any change (a rename, a new role, a new plan customer) is a mismatch. */
function fingerprintOf(scope: Scope): string {
  return JSON.stringify([scope.organization, scope.membership]);
}

export const rememberedScopes = {
  recall(caller: Caller, slug: string): { scope: Scope; fingerprint: string } | undefined {
    return scopes.get(keyOf(caller, slug));
  },
  remember(caller: Caller, slug: string, scope: Scope): void {
    if (scopes.size >= MAX_REMEMBERED) scopes.clear();
    scopes.set(keyOf(caller, slug), { scope, fingerprint: fingerprintOf(scope) });
  },
  forget(caller: Caller, slug: string): void {
    scopes.delete(keyOf(caller, slug));
  },
  matches(remembered: { fingerprint: string }, found: Scope): boolean {
    return remembered.fingerprint === fingerprintOf(found);
  },
};
