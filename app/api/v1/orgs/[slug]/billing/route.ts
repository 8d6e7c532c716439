import { withMembership } from '@/lib/auth/with-auth';
import { getBillingOverview } from '@/lib/billing/billing-overview';
import { billingOverviewOperations } from '@/lib/billing/billing-overview-schema';

export const dynamic = 'force-dynamic';

export const GET = withMembership(billingOverviewOperations.get.who, {}, async ({ scope }) => Response.json(await getBillingOverview(scope)));
