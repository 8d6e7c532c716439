import 'server-only';
import { cache } from 'react';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { AppError } from '@/lib/http/app-error';
import type { Caller } from '@/lib/tenant/caller';
import { callerFromClaims } from './caller';
import { ensureProfile } from './ensure-profile';
import { verifyAccessTokenCached } from './verified-token-cache';

/**
 * The signed-in caller for server components and server actions, from the
 * session cookie, through the same verifier the API uses; null when signed
 * out or the session is no longer valid. Cached per request.
 *
 *   const caller = await getCurrentCaller();
 *   if (!caller) redirect('/login');
 *   const page = await inOrganization(caller, slug, 'member', (scope) => listProjects(scope, { limit: 20, cursor: null }));
 */
export const getCurrentCaller = cache(async (): Promise<Caller | null> => {
  const supabase = await createSupabaseServerClient();
  const { data } = await supabase.auth.getSession();
  if (!data.session) return null;
  try {
    const claims = await verifyAccessTokenCached(data.session.access_token);
    await ensureProfile(claims);
    return callerFromClaims(claims);
  } catch (error) {
    if (error instanceof AppError && error.status === 401) return null;
    throw error;
  }
});
