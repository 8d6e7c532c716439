import { withAuth } from '@/lib/auth/with-auth';
import { acceptInvitation, acceptInvitationInput } from '@/lib/tenancy/invitations';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ body: acceptInvitationInput, rateLimit: 'invitations.accept' }, async ({ caller, body }) =>
  Response.json(await acceptInvitation(caller, body.token), { status: 201 }),
);
