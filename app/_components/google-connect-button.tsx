'use client';

import { useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { createSupabaseBrowserClient, type SupabasePublicConfig } from '@/lib/supabase/browser';

/**
 * Asks Google for more scopes with offline access: the same Google sign-in,
 * with `access_type=offline` (a refresh token) and `prompt=consent` (Google
 * only sends a refresh token on a consent screen). `include_granted_scopes`
 * keeps the scopes granted before, so consent is incremental. The callback
 * stores the refresh token encrypted (lib/google/).
 */
export function GoogleConnectButton({
  config,
  scopes,
  next,
  label,
}: {
  config: SupabasePublicConfig;
  scopes: readonly string[];
  next: string;
  label: string;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function connect() {
    setPending(true);
    setError(null);
    const redirectTo = new URL('/auth/callback', window.location.origin);
    redirectTo.searchParams.set('next', next);
    const { error } = await createSupabaseBrowserClient(config).auth.signInWithOAuth({
      provider: 'google',
      options: {
        redirectTo: redirectTo.toString(),
        scopes: scopes.join(' '),
        queryParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
      },
    });
    if (error) {
      setPending(false);
      setError('Could not reach the sign-in service. Check your connection and try again.');
    }
  }

  return (
    <div className="space-y-2">
      <Button variant="primary" onClick={connect} pending={pending} pendingText="Redirecting to Google…">
        {label}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
