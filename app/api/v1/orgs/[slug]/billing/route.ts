import { withMembership } from '@/lib/auth/with-auth';
import { getBillingOverview } from '@/lib/billing/billing-overview';

export const dynamic = 'force-dynamic';

export const GET = withMembership('member', {}, async ({ scope }) => Response.json(await getBillingOverview(scope)));
