import 'server-only';
import { createClient } from '@supabase/supabase-js';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/app-error';

/**
 * Supabase Auth's admin API, with the project's secret key: server only, and
 * only for what a person asks about their own sign-in (deleting it). Checked
 * before anything else is deleted, so a missing key changes nothing.
 */
export function supabaseAdmin() {
  const { supabaseUrl, supabaseSecretKey } = env();
  if (!supabaseSecretKey) {
    throw new AppError('auth_unavailable', 'Account deletion is not set up on this server (SUPABASE_SECRET_KEY is missing).');
  }
  return createClient(supabaseUrl, supabaseSecretKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  }).auth.admin;
}
