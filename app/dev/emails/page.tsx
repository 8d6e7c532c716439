import { notFound } from 'next/navigation';
import { env } from '@/lib/env';
import { EMAIL_KINDS } from '@/lib/email/preview';

export const dynamic = 'force-dynamic';

/** Local mode only: every email template with sample data. */
export default function EmailPreviewsPage() {
  if (!env().LOCAL_MODE) notFound();
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-2xl font-semibold">Email previews</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Every email the app sends, with sample data (local mode only).</p>
      <ul className="mt-6 space-y-2">
        {EMAIL_KINDS.map((kind) => (
          <li key={kind}>
            <a className="text-brand-600 underline" href={`/dev/emails/${kind}`}>
              {kind.replaceAll('_', ' ')}
            </a>{' '}
            <a className="text-sm text-zinc-500 underline" href={`/dev/emails/${kind}?part=text`}>
              (plain text)
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
