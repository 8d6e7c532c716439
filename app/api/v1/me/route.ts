import { withAuth } from '@/lib/auth/with-auth';
import { getMe } from '@/lib/tenancy/me';

export const dynamic = 'force-dynamic';

export const GET = withAuth({}, async ({ caller }) => Response.json(await getMe(caller)));
