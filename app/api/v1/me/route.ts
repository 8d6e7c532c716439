import { deleteAccount } from '@/lib/account/delete-account';
import { accountOperations } from '@/lib/account/schema';
import { withAuth } from '@/lib/auth/with-auth';
import { getMe } from '@/lib/tenancy/me';

export const dynamic = 'force-dynamic';

export const GET = withAuth({}, async ({ caller }) => Response.json(await getMe(caller)));

export const DELETE = withAuth({ body: accountOperations.delete.body }, async ({ caller, body }) => {
  await deleteAccount(caller, body);
  return new Response(null, { status: 204 });
});
