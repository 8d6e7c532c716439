import 'server-only';
import { createSupabaseServerClient } from './server';

/**
 * The signed-in user's verified token claims for a page or server action, or
 * null. getClaims() verifies the access token's signature against the JWKS,
 * so a forged or expired cookie never counts as signed in.
 */
export async function getSessionClaims() {
  const supabase = await createSupabaseServerClient();
  const { data, error } = await supabase.auth.getClaims();
  if (error || !data) return null;
  return data.claims;
}
