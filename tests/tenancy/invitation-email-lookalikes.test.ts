import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSameEmail } from '@/lib/tenancy/email-address';
import { makeCaller } from '../support/callers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/*
 * An invitation belongs to the address it was sent to. Full Unicode
 * lowercasing folds look-alikes into ASCII (the Kelvin sign U+212A becomes
 * "k"), so a token whose email merely looks like the invitation's must not
 * see it, nor accept it, by link or by id.
 */

let database: TestDatabase;
let invitations: typeof import('@/lib/tenancy/invitations');
let tenantScope: typeof import('@/lib/tenant/membership');

const owner = makeCaller('owner@example.com');
const kelvin = makeCaller('\u212Aate@example.com'); // "Kate" with a Kelvin sign
const kate = makeCaller('Kate@Example.com'); // the addressee, capitalised by her provider

beforeAll(async () => {
  database = await createTestDatabase();
  const { useDatabase: attachDatabase } = await import('@/lib/tenant/database');
  attachDatabase(database);
  invitations = await import('@/lib/tenancy/invitations');
  tenantScope = await import('@/lib/tenant/membership');
  const { upsertProfile } = await import('@/lib/profiles/upsert-profile');
  const { createOrganization } = await import('@/lib/tenancy/organizations');
  for (const caller of [owner, kelvin, kate]) await upsertProfile({ id: caller.userId, email: caller.email! });
  await createOrganization(owner, { name: 'Acme', slug: 'acme' });
});

afterAll(async () => {
  await database?.dispose();
});

describe('comparing email addresses', () => {
  it('folds ASCII case only', () => {
    expect(isSameEmail('Kate@Example.COM', 'kate@example.com')).toBe(true);
    expect(isSameEmail('\u212Aate@example.com', 'kate@example.com')).toBe(false); // Kelvin sign
    expect(isSameEmail('ada@example.\u212Aom', 'ada@example.kom')).toBe(false);
    expect(isSameEmail('\u017Fam@example.com', 'sam@example.com')).toBe(false); // long s, uppercases to S
    expect(isSameEmail('\u0130van@example.com', 'ivan@example.com')).toBe(false); // dotted capital I
    expect(isSameEmail('ka\u0301te@example.com', 'káte@example.com')).toBe(false); // decomposed vs composed
    expect(isSameEmail(null, 'kate@example.com')).toBe(false);
    expect(isSameEmail('', '')).toBe(false);
  });
});

describe('an invitation to kate@example.com', () => {
  let token: string;
  let invitationId: string;

  beforeAll(async () => {
    const created = await tenantScope.inOrganization(owner, 'acme', 'admin', (scope) =>
      invitations.inviteMember(scope, { email: 'kate@example.com', role: 'member' }),
    );
    token = created.accept_url.split('/invite/')[1]!;
    invitationId = created.invitation.id;
  });

  it('is not listed for a token whose email only looks like hers', async () => {
    expect(await invitations.listMyPendingInvitations(kelvin)).toEqual([]);
  });

  it('cannot be accepted by the look-alike, with the link or by id', async () => {
    await expect(invitations.acceptInvitation(kelvin, token)).rejects.toMatchObject({ code: 'invitation_email_mismatch' });
    await expect(invitations.acceptInvitationForMyEmail(kelvin, invitationId)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('is accepted by the addressee, whatever the ASCII case of her address', async () => {
    expect(await invitations.listMyPendingInvitations(kate)).toHaveLength(1);
    expect(await invitations.acceptInvitation(kate, token)).toMatchObject({ slug: 'acme', role: 'member' });
  });
});
