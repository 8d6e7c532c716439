'use client';
import { createBrowserClient } from '@supabase/ssr';

export interface SupabasePublicConfig {
  url: string;
  publishableKey: string;
}

/**
 * Supabase client for the browser. The URL and key come from the server at
 * render time (see `supabasePublicConfig()`), so one build serves any
 * environment instead of baking them in at build time.
 */
export function createSupabaseBrowserClient(config: SupabasePublicConfig) {
  return createBrowserClient(config.url, config.publishableKey);
}
