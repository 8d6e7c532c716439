import { withMembership } from '@/lib/auth/with-auth';
import { memberOperations } from '@/lib/tenancy/member-schema';
import { listMembers } from '@/lib/tenancy/members';

export const dynamic = 'force-dynamic';

export const GET = withMembership(memberOperations.list.who, {}, async ({ scope }) =>
  Response.json({ data: await listMembers(scope), next_cursor: null }),
);
