import { withAuth } from '@/lib/auth/with-auth';
import { invitationOperations } from '@/lib/tenancy/invitation-schema';
import { acceptInvitation } from '@/lib/tenancy/invitations';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ body: invitationOperations.accept.body, rateLimit: 'invitations.accept' }, async ({ caller, body }) =>
  Response.json(await acceptInvitation(caller, body.token), { status: 201 }),
);
