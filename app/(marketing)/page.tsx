import Image from 'next/image';
import Link from 'next/link';

const features = [
  {
    title: 'Sign in with Google',
    body: 'Supabase Auth runs the OAuth flow with PKCE. Your server only ever trusts the signed access token and its subject.',
  },
  {
    title: 'Organizations and roles',
    body: 'Owners, admins and members, invitations by email, and an audit log of every change an organization makes.',
  },
  {
    title: 'Isolation enforced twice',
    body: 'Every request checks membership in the app, and Postgres row-level security checks it again in the database.',
  },
  {
    title: 'An API for every client',
    body: 'The same route handlers serve the dashboard, mobile apps and backend services with a bearer token.',
  },
  {
    title: 'Billing per organization',
    body: 'Stripe Checkout and the Customer Portal, with signed webhooks that survive retries and out-of-order delivery.',
  },
  {
    title: 'Runs with zero setup',
    body: 'An embedded Postgres and local stand-ins for Supabase Auth and Stripe: clone, install, and start building.',
  },
];

export default function LandingPage() {
  return (
    <>
      <section className="bg-gradient-to-b from-brand-50 dark:from-brand-950 to-white dark:to-slate-950">
        <div className="mx-auto max-w-6xl px-4 pt-20 pb-8 sm:px-6 sm:pt-28 sm:pb-12">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-600 dark:text-brand-400">Multi-tenant SaaS starter</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight text-slate-900 dark:text-slate-100 sm:text-5xl">
            Start your SaaS with the tenancy, auth and billing already right.
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-600 dark:text-slate-400">
            Tenantry is a Next.js template where your customers&apos; teams sign in with Google, work inside their own
            organization, and pay per organization, with every boundary tested.
          </p>
          <div className="mt-10 flex flex-wrap gap-4">
            <Link
              href="/login"
              className="rounded-lg bg-brand-600 px-5 py-3 font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Sign in
            </Link>
            <a
              href="#features"
              className="rounded-lg border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-5 py-3 font-medium text-slate-700 dark:text-slate-300 hover:bg-slate-50 dark:hover:bg-slate-800"
            >
              See what is included
            </a>
          </div>
          <ProductScreenshot />
        </div>
      </section>
      <section id="features" aria-labelledby="features-heading" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <h2 id="features-heading" className="text-2xl font-bold tracking-tight text-slate-900 dark:text-slate-100 sm:text-3xl">
          What you get on day one
        </h2>
        <ul className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {features.map((feature) => (
            <li key={feature.title} className="rounded-xl border border-slate-200 dark:border-slate-800 p-6 shadow-sm">
              <h3 className="font-semibold text-slate-900 dark:text-slate-100">{feature.title}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-600 dark:text-slate-400">{feature.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

const SCREENSHOT_ALT =
  'The Projects page of an organization called Acme in the Tenantry dashboard: tabs for Projects, Members, Billing, Settings and Audit log, the line “2 of 3 projects on Free · Upgrade”, a New project button, and the projects Customer portal and Marketing site, each with Edit and Delete buttons.';

/**
 * The dashboard as it really looks, in the reader's theme. Both images are
 * screenshots of the running app, made by `UPDATE_PRODUCT_SCREENSHOTS=1 npx
 * playwright test e2e/landing.spec.ts -g "product screenshot"`.
 */
function ProductScreenshot() {
  const frame = 'mt-14 w-full rounded-xl shadow-2xl ring-1 ring-slate-900/10 sm:mt-16 dark:ring-white/10';
  return (
    <div className="mx-auto max-w-5xl">
      <Image src="/product/dashboard-light.png" alt={SCREENSHOT_ALT} width={1280} height={480} sizes="(min-width: 1024px) 1024px, 100vw" className={`${frame} dark:hidden`} />
      {/* Lazy, like the one above: the browser does not fetch an image that CSS hides. */}
      <Image src="/product/dashboard-dark.png" alt={SCREENSHOT_ALT} width={1280} height={480} sizes="(min-width: 1024px) 1024px, 100vw" className={`${frame} hidden dark:block`} />
    </div>
  );
}
