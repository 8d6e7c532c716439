import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { logFailure } from '@/lib/http/log-failure';

/**
 * Ends the caller's session on every device, and always on this one.
 *
 * A plain `signOut()` (scope `global`) asks the auth server to revoke the
 * sessions first and keeps the session cookies when that request fails (a
 * timeout, a dropped connection, a 5xx): the sign-in page rendered next would
 * still see the caller and send them straight back to where they came from,
 * signed in as before. Scope `local` clears this device's session before it
 * asks the server, so it never depends on the network.
 */
export async function signOutEverywhere(supabase: { auth: Pick<SupabaseClient['auth'], 'signOut'> }): Promise<void> {
  const { error } = await supabase.auth.signOut({ scope: 'global' });
  if (!error) return;
  // The other devices stay signed in until their refresh tokens are used or expire.
  logFailure('sign-out', error);
  await supabase.auth.signOut({ scope: 'local' });
}
