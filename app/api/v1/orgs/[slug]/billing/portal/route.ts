import { z } from 'zod';
import { withAuth } from '@/lib/auth/with-auth';
import { openBillingPortal } from '@/lib/billing/billing-portal';

export const dynamic = 'force-dynamic';

// withAuth, not withMembership: openBillingPortal checks the operation's role itself
// and calls Stripe after that tenant transaction (see its comment).
export const POST = withAuth({ params: z.object({ slug: z.string() }), rateLimit: 'billing.sessions' }, async ({ caller, params }) =>
  Response.json(await openBillingPortal(caller, params.slug)),
);
