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
      <section className="bg-gradient-to-b from-brand-50 to-white">
        <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6 sm:py-28">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-600">Multi-tenant SaaS starter</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
            Start your SaaS with the tenancy, auth and billing already right.
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-600">
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
              className="rounded-lg border border-slate-300 bg-white px-5 py-3 font-medium text-slate-700 hover:bg-slate-50"
            >
              See what is included
            </a>
          </div>
        </div>
      </section>
      <section id="features" aria-labelledby="features-heading" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <h2 id="features-heading" className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">
          What you get on day one
        </h2>
        <ul className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {features.map((feature) => (
            <li key={feature.title} className="rounded-xl border border-slate-200 p-6 shadow-sm">
              <h3 className="font-semibold text-slate-900">{feature.title}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-600">{feature.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
