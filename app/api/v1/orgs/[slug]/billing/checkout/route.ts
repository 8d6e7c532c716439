import { z } from 'zod';
import { withAuth } from '@/lib/auth/with-auth';
import { billingSessionOperations } from '@/lib/billing/billing-session-schema';
import { startCheckout } from '@/lib/billing/checkout';

export const dynamic = 'force-dynamic';

// withAuth, not withMembership: startCheckout checks the operation's role itself
// and calls Stripe between two short tenant transactions (see its comment).
export const POST = withAuth({ params: z.object({ slug: z.string() }), body: billingSessionOperations.checkout.body, rateLimit: 'billing.sessions' }, async ({ caller, params, body }) =>
  Response.json(await startCheckout(caller, params.slug, body)),
);
