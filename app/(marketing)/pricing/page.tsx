import type { Metadata } from 'next';
import Link from 'next/link';
import { IntervalSwitch } from '@/app/_components/billing/interval-switch';
import { PlanCard } from '@/app/_components/billing/plan-card';
import { bestYearlySavingsPercent, intervalFromQuery } from '@/lib/billing/format-price';
import { PLAN_IDS, PLANS } from '@/lib/billing/plans';

export const metadata: Metadata = {
  title: 'Pricing',
  description: 'Plans per organization: start free, upgrade when your team grows.',
};

/** The plan to draw the eye to: the cheapest paid one. */
const EMPHASIZED_PLAN = PLAN_IDS.find((id) => PLANS[id].prices !== null);

export default async function PricingPage({ searchParams }: PageProps<'/pricing'>) {
  const interval = intervalFromQuery((await searchParams).interval);
  const plans = PLAN_IDS.map((id) => PLANS[id]);

  return (
    <>
      <section className="bg-gradient-to-b from-brand-50 dark:from-brand-950 to-white dark:to-slate-950">
        <div className="mx-auto max-w-6xl px-4 pt-20 pb-10 sm:px-6 sm:pt-28">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-600 dark:text-brand-400">Pricing</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight text-slate-900 dark:text-slate-100 sm:text-5xl">
            One plan per organization, not per seat.
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-600 dark:text-slate-400">
            Start free. Upgrade an organization when it needs more projects, more members or its audit log, and cancel
            whenever you like: nothing is deleted when you downgrade.
          </p>
        </div>
      </section>
      <section aria-labelledby="plans-heading" className="mx-auto max-w-6xl px-4 pb-20 sm:px-6">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
          <h2 id="plans-heading" className="text-2xl font-bold tracking-tight text-slate-900 dark:text-slate-100 sm:text-3xl">
            Plans
          </h2>
          <IntervalSwitch pathname="/pricing" current={interval} yearlySavingsPercent={bestYearlySavingsPercent(plans)} />
        </div>
        <div className="mt-8 grid gap-6 md:grid-cols-3">
          {plans.map((plan) => (
            <PlanCard
              key={plan.id}
              plan={plan}
              interval={interval}
              emphasized={plan.id === EMPHASIZED_PLAN}
              badge={
                plan.id === EMPHASIZED_PLAN ? (
                  <span className="rounded-full bg-brand-50 dark:bg-brand-950 px-2.5 py-0.5 text-xs font-semibold text-brand-700 dark:text-brand-300">Most popular</span>
                ) : undefined
              }
              action={
                <Link
                  href="/login?next=/dashboard"
                  aria-describedby={`plan-${plan.id}-name`}
                  className={`block rounded-lg px-5 py-3 text-center font-medium shadow-sm ${
                    plan.id === EMPHASIZED_PLAN
                      ? 'bg-brand-600 text-white hover:bg-brand-700'
                      : 'border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 text-slate-700 dark:text-slate-300 hover:bg-slate-50 dark:hover:bg-slate-800'
                  }`}
                >
                  Get started
                </Link>
              }
            />
          ))}
        </div>
        <p className="mt-8 text-sm text-slate-600 dark:text-slate-400">
          Prices in US dollars, before tax. Paid plans are billed through Stripe; you choose a plan for an organization
          from its Billing page after signing in.
        </p>
      </section>
    </>
  );
}
