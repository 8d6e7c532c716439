import { withMembership } from '@/lib/auth/with-auth';
import { inviteMember, inviteMemberInput, listInvitations } from '@/lib/tenancy/invitations';

export const dynamic = 'force-dynamic';

export const GET = withMembership('admin', {}, async ({ scope }) =>
  Response.json({ data: await listInvitations(scope), next_cursor: null }),
);

export const POST = withMembership('admin', { body: inviteMemberInput, rateLimit: 'invitations.create' }, async ({ scope, body }) =>
  Response.json(await inviteMember(scope, body), { status: 201 }),
);
