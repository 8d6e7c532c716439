import { withMembership } from '@/lib/auth/with-auth';
import { openBillingPortal } from '@/lib/billing/billing-portal';

export const dynamic = 'force-dynamic';

export const POST = withMembership('admin', {}, async ({ scope }) => Response.json(await openBillingPortal(scope)));
