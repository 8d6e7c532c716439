import type { Metadata } from 'next';
import { checkDatabase } from '@/lib/health/check-database';

export const metadata: Metadata = { title: 'Status' };
export const dynamic = 'force-dynamic';

/** The footer's Status link: the same check as /api/health, in words. */
export default async function StatusPage() {
  const database = await checkDatabase();
  const healthy = database === 'ok';
  const checkedAt = new Date();
  return (
    <div className="mx-auto max-w-2xl px-4 py-16 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900 dark:text-slate-100">Status</h1>
      <div
        className={`mt-6 flex items-center gap-3 rounded-xl border px-5 py-4 ${healthy ? 'border-emerald-200 dark:border-emerald-900 bg-emerald-50 dark:bg-emerald-950/50 text-emerald-900 dark:text-emerald-100' : 'border-amber-200 dark:border-amber-900 bg-amber-50 dark:bg-amber-950/50 text-amber-900 dark:text-amber-100'}`}
      >
        <span aria-hidden="true" className={`size-3 shrink-0 rounded-full ${healthy ? 'bg-emerald-600' : 'bg-amber-600'}`} />
        <p className="font-medium">{healthy ? 'Everything is working.' : 'Some things are not working right now.'}</p>
      </div>
      <dl className="mt-6 divide-y divide-slate-200 dark:divide-slate-800 rounded-xl border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 text-sm">
        <div className="flex justify-between gap-4 px-5 py-3">
          <dt className="text-slate-700 dark:text-slate-300">Web app and API</dt>
          <dd className="font-medium text-slate-900 dark:text-slate-100">Working</dd>
        </div>
        <div className="flex justify-between gap-4 px-5 py-3">
          <dt className="text-slate-700 dark:text-slate-300">Database</dt>
          <dd className="font-medium text-slate-900 dark:text-slate-100">{healthy ? 'Working' : 'Not reachable'}</dd>
        </div>
      </dl>
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
        Checked <time dateTime={checkedAt.toISOString()}>{checkedAt.toUTCString()}</time>. Monitoring tools can read the
        same check as JSON at{' '}
        <a href="/api/health" className="font-medium text-brand-700 dark:text-brand-300 underline underline-offset-2">
          /api/health
        </a>
        .
      </p>
    </div>
  );
}
