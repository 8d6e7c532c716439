import { z } from 'zod';
import { withMembership } from '@/lib/auth/with-auth';
import { memberOperations } from '@/lib/tenancy/member-schema';
import { changeRole, removeMember } from '@/lib/tenancy/members';

export const dynamic = 'force-dynamic';

const params = z.object({ slug: z.string(), userId: z.uuid() });

export const PATCH = withMembership(memberOperations.changeRole.who, { params, body: memberOperations.changeRole.body }, async ({ scope, params, body }) =>
  Response.json(await changeRole(scope, params.userId, body.role)),
);

// Any member may call this to leave; removing someone else needs admin (checked in removeMember).
export const DELETE = withMembership(memberOperations.remove.who, { params }, async ({ scope, params }) => {
  await removeMember(scope, params.userId);
  return new Response(null, { status: 204 });
});
