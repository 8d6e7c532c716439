import { z } from 'zod';
import { withMembership } from '@/lib/auth/with-auth';
import { changeRole, changeRoleInput, removeMember } from '@/lib/tenancy/members';

export const dynamic = 'force-dynamic';

const params = z.object({ slug: z.string(), userId: z.uuid() });

export const PATCH = withMembership('admin', { params, body: changeRoleInput }, async ({ scope, params, body }) =>
  Response.json(await changeRole(scope, params.userId, body.role)),
);

// Any member may call this to leave; removing someone else needs admin (checked in removeMember).
export const DELETE = withMembership('member', { params }, async ({ scope, params }) => {
  await removeMember(scope, params.userId);
  return new Response(null, { status: 204 });
});
