import { z } from 'zod';
import { withMembership } from '@/lib/auth/with-auth';
import { invitationOperations } from '@/lib/tenancy/invitation-schema';
import { revokeInvitation } from '@/lib/tenancy/invitations';

export const dynamic = 'force-dynamic';

const params = z.object({ slug: z.string(), id: z.uuid() });

export const DELETE = withMembership(invitationOperations.revoke.who, { params }, async ({ scope, params }) => {
  await revokeInvitation(scope, params.id);
  return new Response(null, { status: 204 });
});
