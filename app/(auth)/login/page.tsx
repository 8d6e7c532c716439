import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Logo } from '@/app/_components/logo';
import { getCurrentCaller } from '@/lib/auth/current-caller';
import { env } from '@/lib/env';
import { safeNextPath } from '@/lib/navigation/safe-next-path';
import { supabasePublicConfig } from '@/lib/supabase/public-config';
import { GoogleSignInButton } from './google-sign-in-button';
import { signInErrorMessage } from './sign-in-errors';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === 'string' ? params.next : undefined);
  const errorCode = typeof params.error === 'string' ? params.error : undefined;

  // Just signed out: the sign-out action's redirect renders this page in the
  // same request, which may still see the old session, so stay and say so.
  const signedOut = !errorCode && params.signed_out !== undefined;
  if (!errorCode && !signedOut && (await getCurrentCaller())) redirect(next);

  const error = signInErrorMessage(errorCode);
  const notice = params.account === 'deleted' ? 'Your account was deleted. Signing in again starts a new, empty account.' : null;
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-slate-50 dark:bg-slate-950 px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Logo />
        </div>
        <div className="rounded-2xl border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 p-8 shadow-sm">
          <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">Sign in to Tenantry</h1>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Use your Google account. New here? Signing in creates your account.</p>
          {notice && (
            <div role="status" className="mt-6 rounded-lg border border-emerald-200 dark:border-emerald-900 bg-emerald-50 dark:bg-emerald-950/50 px-4 py-3 text-sm text-emerald-900 dark:text-emerald-100">
              {notice}
            </div>
          )}
          {signedOut && (
            <p role="status" className="mt-6 rounded-lg border border-emerald-200 dark:border-emerald-900 bg-emerald-50 dark:bg-emerald-950/50 px-4 py-3 text-sm text-emerald-800 dark:text-emerald-200">
              You are signed out. Sign in again whenever you like.
            </p>
          )}
          {error && (
            <div role="alert" className="mt-6 rounded-lg border border-red-200 dark:border-red-900 bg-red-50 dark:bg-red-950/50 px-4 py-3 text-sm text-red-800 dark:text-red-200">
              {error}
            </div>
          )}
          <div className="mt-6">
            <GoogleSignInButton config={supabasePublicConfig()} next={next} />
          </div>
        </div>
        {env().isLocalAuth && (
          <p className="mt-6 text-center text-xs text-slate-500 dark:text-slate-400">
            Local mode: the sign-in page is a local stand-in for Google. Set NEXT_PUBLIC_SUPABASE_URL to use your Supabase project.
          </p>
        )}
      </div>
    </main>
  );
}
