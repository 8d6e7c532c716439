import type { Metadata } from 'next';
import { IntervalSwitch } from '@/app/_components/billing/interval-switch';
import { PlanCard } from '@/app/_components/billing/plan-card';
import { Badge, type BadgeTone } from '@/app/_components/ui/badge';
import { Card } from '@/app/_components/ui/card';
import { PageHeader } from '@/app/_components/ui/page-header';
import type { Caller } from '@/lib/tenant/caller';
import { readInOrganization, requireCaller } from '@/lib/auth/page-access';
import { getBillingOverview } from '@/lib/billing/billing-overview';
import type { BillingOverview } from '@/lib/billing/billing-overview-schema';
import { confirmCheckout } from '@/lib/billing/checkout';
import { bestYearlySavingsPercent, intervalFromQuery } from '@/lib/billing/format-price';
import { PLAN_IDS, PLANS, type PlanId } from '@/lib/billing/plans';
import { AppError } from '@/lib/http/app-error';
import { isLiveStatus } from '@/lib/billing/subscription-status';
import { RoleSync } from '../../_components/role-sync';
import { ManageBillingForm, UpgradeForm } from './billing-forms';
import { ForgetCheckoutReturn } from './forget-checkout-return';

export const metadata: Metadata = { title: 'Billing' };

// Dates in UTC, spelled out ("March 3, 2026"), so server and reader agree on the day.
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
const DAY_MS = 24 * 60 * 60 * 1000;

export default async function BillingPage({ params, searchParams }: PageProps<'/dashboard/[org]/billing'>) {
  const { org: slug } = await params;
  const query = await searchParams;
  const pathname = `/dashboard/${slug}/billing`;
  const interval = intervalFromQuery(query.interval);
  const caller = await requireCaller(pathname);

  // Back from Checkout: read the new subscription from Stripe before rendering,
  // so the new plan shows now rather than when the webhook arrives. First and
  // outside any tenant transaction: it opens its own, and PGlite has one connection.
  const checkoutSession = typeof query.checkout_session === 'string' ? query.checkout_session : null;
  const checkout = checkoutSession ? await confirmReturnFromCheckout(caller, slug, checkoutSession) : null;

  const { overview, organizationName, hasBillingAccount, role } = await readBilling(slug);
  const { plan, subscription, usage, limits } = overview;
  const canManage = overview.can_manage_billing;
  // A subscription still running (even unpaid) is changed in the portal; a new checkout would be refused (409).
  const hasLiveSubscription = subscription !== null && isLiveStatus(subscription.status);
  const endsAt = subscription ? endDateOf(subscription) : null;

  return (
    <div className="space-y-8">
      {/* A role changed since the tabs were drawn: fetch the layout again (role-sync.tsx). */}
      <RoleSync role={role} />
      <PageHeader
        title="Billing"
        description={`The plan of ${organizationName}, what it uses, and how it pays.`}
        // Only with something to manage at Stripe: a subscription that has not ended.
        actions={canManage && hasBillingAccount && subscription ? <ManageBillingForm slug={slug} /> : undefined}
      />

      {checkout && <ForgetCheckoutReturn pathname={pathname} />}
      {checkout && (
        <Banner tone={checkout.ok ? 'success' : 'warning'} title={checkout.ok ? 'Thank you!' : 'Checkout not confirmed'}>
          {checkout.ok
            ? plan.id === 'free'
              ? 'Your payment went through. The new plan appears here as soon as Stripe confirms it; reload in a moment.'
              : `${organizationName} is now on the ${plan.name} plan.`
            : checkout.message}
        </Banner>
      )}
      {subscription?.status === 'past_due' && (
        <Banner tone="danger" title="Payment failed">
          The last payment for {plan.name} did not go through. Stripe will retry it; {plan.name} stays active meanwhile.
          {canManage ? ' Update the card in Manage billing to pay now.' : ' Ask an owner or admin to update the card.'}
        </Banner>
      )}
      {subscription?.status === 'unpaid' && (
        <Banner tone="danger" title="Subscription unpaid">
          Payments for this subscription failed, so the organization is on the Free plan until it is paid.
          {canManage ? ' Update the card in Manage billing.' : ' Ask an owner or admin to update the card.'}
        </Banner>
      )}
      {endsAt && (
        <Banner tone="warning" title="Subscription cancelled">
          {subscription?.plan ? PLANS[subscription.plan].name : 'The subscription'} ends on{' '}
          <time dateTime={endsAt}>{formatDate(endsAt)}</time>. Until then nothing changes; afterwards the organization
          moves to Free and keeps all its data.
          {canManage ? ' Changed your mind? Resume it in Manage billing.' : ''}
        </Banner>
      )}
      {subscription?.status === 'trialing' && subscription.trial_end && (
        <Banner tone="info" title="Free trial">
          The trial of {plan.name} ends on <time dateTime={subscription.trial_end}>{formatDate(subscription.trial_end)}</time>{' '}
          ({daysLeft(subscription.trial_end)}); then it renews at the price of the plan.
        </Banner>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Current plan">
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-2xl font-bold tracking-tight text-slate-900 dark:text-slate-100">{plan.name}</p>
            {subscription ? (
              <Badge tone={statusBadge(subscription.status).tone}>{statusBadge(subscription.status).label}</Badge>
            ) : (
              <Badge>No subscription</Badge>
            )}
          </div>
          <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            {subscription?.interval && (
              <>
                <dt className="text-slate-600 dark:text-slate-400">Billed</dt>
                <dd className="text-slate-900 dark:text-slate-100">{subscription.interval === 'year' ? 'Yearly' : 'Monthly'}</dd>
              </>
            )}
            {subscription?.current_period_end && (
              <>
                <dt className="text-slate-600 dark:text-slate-400">{endsAt ? 'Ends on' : 'Renews on'}</dt>
                <dd className="text-slate-900 dark:text-slate-100">
                  <time dateTime={endsAt ?? subscription.current_period_end}>
                    {formatDate(endsAt ?? subscription.current_period_end)}
                  </time>
                </dd>
              </>
            )}
            <dt className="text-slate-600 dark:text-slate-400">Audit log</dt>
            <dd className="text-slate-900 dark:text-slate-100">{overview.features.audit_log ? 'Included' : 'Not included'}</dd>
          </dl>
          {!subscription && (
            <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
              {canManage ? 'Choose a paid plan below when you need more.' : 'Owners and admins can upgrade the plan.'}
            </p>
          )}
        </Card>

        <Card title="Usage" description="Against the limits of the current plan.">
          <div className="space-y-5">
            <UsageMeter id="usage-projects" label="Projects" used={usage.projects} limit={limits.projects} />
            <UsageMeter
              id="usage-members"
              label="Members"
              hint="Pending invitations count too."
              used={usage.members}
              limit={limits.members}
            />
          </div>
        </Card>
      </div>

      <section aria-labelledby="plans-heading" className="space-y-6">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
          <h2 id="plans-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
            Plans
          </h2>
          <IntervalSwitch
            pathname={pathname}
            current={interval}
            yearlySavingsPercent={bestYearlySavingsPercent(PLAN_IDS.map((id) => PLANS[id]))}
          />
        </div>
        {!canManage && (
          <p className="text-sm text-slate-600 dark:text-slate-400">Only owners and admins can change the plan or the payment details.</p>
        )}
        <div className="grid gap-6 md:grid-cols-3">
          {PLAN_IDS.map((id) => (
            <PlanCard
              key={id}
              plan={PLANS[id]}
              interval={interval}
              emphasized={id === plan.id}
              badge={id === plan.id ? <Badge tone="brand">Current plan</Badge> : undefined}
              action={
                canManage ? (
                  <PlanAction
                    slug={slug}
                    planId={id}
                    currentPlanId={plan.id}
                    interval={interval}
                    hasLiveSubscription={hasLiveSubscription}
                    isCancelling={endsAt !== null}
                    hasBillingAccount={hasBillingAccount}
                  />
                ) : undefined
              }
            />
          ))}
        </div>
      </section>
    </div>
  );
}

/** What a plan card offers an owner or admin: checkout while on free, the portal once subscribed. */
function PlanAction({
  slug,
  planId,
  currentPlanId,
  interval,
  hasLiveSubscription,
  isCancelling,
  hasBillingAccount,
}: {
  slug: string;
  planId: PlanId;
  currentPlanId: PlanId;
  interval: 'month' | 'year';
  hasLiveSubscription: boolean;
  isCancelling: boolean;
  hasBillingAccount: boolean;
}) {
  if (planId === currentPlanId && !hasLiveSubscription) return null;
  if (hasLiveSubscription) {
    if (!hasBillingAccount) return null;
    if (planId === currentPlanId) return <ManageBillingForm slug={slug} label="Change billing period" fullWidth />;
    // Already ending: the banner above says when, and the portal resumes it.
    if (planId === 'free') return isCancelling ? null : <ManageBillingForm slug={slug} label="Downgrade to Free" fullWidth />;
    return <ManageBillingForm slug={slug} label={`Switch to ${PLANS[planId].name}`} fullWidth />;
  }
  if (planId === 'free') return null;
  return <UpgradeForm slug={slug} plan={planId} planName={PLANS[planId].name} interval={interval} />;
}

async function confirmReturnFromCheckout(
  caller: Caller,
  slug: string,
  checkoutSessionId: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await confirmCheckout(caller, slug, checkoutSessionId);
    return { ok: true };
  } catch (error) {
    // A stranger's or made-up session id: readBilling below decides between 404 and the page.
    if (error instanceof AppError && error.code === 'not_found') {
      return { ok: false, message: 'That checkout does not belong to this organization. The plan below is the one in effect.' };
    }
    // Stripe unreachable: the webhook will bring the new plan when Stripe is back.
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
}

/** The overview for any member, with the API's 404 and 403 as the dashboard's pages. */
function readBilling(slug: string) {
  return readInOrganization(slug, 'member', async (scope) => ({
    overview: await getBillingOverview(scope),
    organizationName: scope.organization.name,
    hasBillingAccount: scope.organization.stripeCustomerId !== null,
    role: scope.membership.role,
  }));
}

type OverviewSubscription = NonNullable<BillingOverview['subscription']>;

/** The date a cancelled subscription stops, or null while it renews. */
function endDateOf(subscription: OverviewSubscription): string | null {
  if (subscription.cancel_at) return subscription.cancel_at;
  return subscription.cancel_at_period_end ? subscription.current_period_end : null;
}

function statusBadge(status: string): { label: string; tone: BadgeTone } {
  switch (status) {
    case 'active':
      return { label: 'Active', tone: 'success' };
    case 'trialing':
      return { label: 'Trial', tone: 'brand' };
    case 'past_due':
      return { label: 'Past due', tone: 'warning' };
    case 'unpaid':
      return { label: 'Unpaid', tone: 'danger' };
    case 'incomplete':
      return { label: 'Awaiting payment', tone: 'warning' };
    case 'paused':
      return { label: 'Paused', tone: 'neutral' };
    default:
      return { label: status, tone: 'neutral' };
  }
}

function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

function daysLeft(iso: string): string {
  const days = Math.max(0, Math.ceil((new Date(iso).getTime() - Date.now()) / DAY_MS));
  return days === 1 ? '1 day left' : `${days} days left`;
}

const bannerTones = {
  info: 'border-brand-100 dark:border-brand-900 bg-brand-50 dark:bg-brand-950 text-brand-700 dark:text-brand-300',
  success: 'border-emerald-200 dark:border-emerald-900 bg-emerald-50 dark:bg-emerald-950/50 text-emerald-900 dark:text-emerald-100',
  warning: 'border-amber-200 dark:border-amber-900 bg-amber-50 dark:bg-amber-950/50 text-amber-900 dark:text-amber-100',
  danger: 'border-red-200 dark:border-red-900 bg-red-50 dark:bg-red-950/50 text-red-900 dark:text-red-100',
} as const;

/** A notice about the subscription, shown on page load (a region with a heading, not a live alert). */
function Banner({ tone, title, children }: { tone: keyof typeof bannerTones; title: string; children: React.ReactNode }) {
  const id = `banner-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className={`rounded-xl border px-4 py-3 text-sm sm:px-6 ${bannerTones[tone]}`}>
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      <p className="mt-1">{children}</p>
    </section>
  );
}

/** Used against allowed, as an accessible progress bar; "unlimited" has no bar to fill. */
function UsageMeter({ id, label, hint, used, limit }: { id: string; label: string; hint?: string; used: number; limit: number | null }) {
  const isFull = limit !== null && used >= limit;
  const isOver = limit !== null && used > limit;
  const percent = limit === null || limit === 0 ? 0 : Math.min(100, Math.round((used / limit) * 100));
  const text = limit === null ? `${used} (unlimited)` : `${used} of ${limit}`;
  return (
    <div>
      <div className="flex items-baseline justify-between gap-4 text-sm">
        <span id={`${id}-label`} className="font-medium text-slate-900 dark:text-slate-100">
          {label}
        </span>
        <span className="text-slate-700 dark:text-slate-300">{text}</span>
      </div>
      {limit !== null ? (
        <div
          role="progressbar"
          aria-labelledby={`${id}-label`}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={Math.min(used, limit)}
          aria-valuetext={`${used} of ${limit} ${label.toLowerCase()}`}
          className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
        >
          <div
            className={`h-full rounded-full ${isOver ? 'bg-red-600' : percent >= 80 ? 'bg-amber-500' : 'bg-brand-600'}`}
            style={{ width: `${percent}%` }}
          />
        </div>
      ) : null}
      {hint && <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{hint}</p>}
      {isFull && (
        <p className={`mt-1 text-xs font-medium ${isOver ? 'text-red-700 dark:text-red-300' : 'text-amber-800 dark:text-amber-200'}`}>
          {isOver ? 'Over the limit of this plan: nothing was deleted, but adding more is blocked.' : 'Limit reached: upgrade to add more.'}
        </p>
      )}
    </div>
  );
}
