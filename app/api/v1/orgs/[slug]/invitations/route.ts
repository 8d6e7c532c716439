import { withMembership } from '@/lib/auth/with-auth';
import { invitationOperations } from '@/lib/tenancy/invitation-schema';
import { inviteMember, listInvitations } from '@/lib/tenancy/invitations';

export const dynamic = 'force-dynamic';

export const GET = withMembership(invitationOperations.list.who, {}, async ({ scope }) =>
  Response.json({ data: await listInvitations(scope), next_cursor: null }),
);

export const POST = withMembership(invitationOperations.create.who, { body: invitationOperations.create.body, rateLimit: 'invitations.create' }, async ({ scope, body }) =>
  Response.json(await inviteMember(scope, body), { status: 201 }),
);
