import 'server-only';
import { env } from '@/lib/env';
import type { SupabasePublicConfig } from './browser';

/** What the browser client needs; both values are public by design. */
export function supabasePublicConfig(): SupabasePublicConfig {
  const { supabaseUrl, supabasePublishableKey } = env();
  return { url: supabaseUrl, publishableKey: supabasePublishableKey };
}
