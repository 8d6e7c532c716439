import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Logo } from '@/app/_components/logo';
import { getCurrentCaller } from '@/lib/auth/current-caller';
import { signOut } from './actions';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  // proxy.ts redirects signed-out visitors too, but never as the only gate.
  const caller = await getCurrentCaller();
  if (!caller) redirect('/login?next=/dashboard');

  const metadata = (caller.claims.user_metadata ?? {}) as Record<string, unknown>;
  const name = typeof metadata.full_name === 'string' ? metadata.full_name : (caller.email ?? 'Signed in');
  const avatarUrl = typeof metadata.avatar_url === 'string' ? metadata.avatar_url : null;

  return (
    <div className="min-h-dvh bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3 sm:px-6">
          <Logo />
          <form action={signOut}>
            <button type="submit" className="rounded-lg px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
        <section aria-labelledby="account-heading" className="flex items-center gap-4 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          {avatarUrl ? (
            // A plain img: avatars come from Google's CDN or the local emulator.
            // eslint-disable-next-line @next/next/no-img-element
            <img src={avatarUrl} alt="" className="size-14 rounded-full" referrerPolicy="no-referrer" />
          ) : (
            <div aria-hidden="true" className="flex size-14 items-center justify-center rounded-full bg-brand-100 text-lg font-semibold text-brand-700">
              {name.slice(0, 1).toUpperCase()}
            </div>
          )}
          <div>
            <h1 id="account-heading" className="text-xl font-semibold text-slate-900">
              {name}
            </h1>
            <p className="text-sm text-slate-600">{caller.email}</p>
          </div>
        </section>
      </main>
    </div>
  );
}
