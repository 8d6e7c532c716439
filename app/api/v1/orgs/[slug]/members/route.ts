import { withMembership } from '@/lib/auth/with-auth';
import { listMembers } from '@/lib/tenancy/members';

export const dynamic = 'force-dynamic';

export const GET = withMembership('member', {}, async ({ scope }) =>
  Response.json({ data: await listMembers(scope), next_cursor: null }),
);
