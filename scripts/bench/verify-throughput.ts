/**
 * Token checks alone, in a process of its own: how many tokens one core
 * checks per second, either locally with `verifyAccessToken` (once the key set
 * is cached) or by asking the auth server with `supabase.auth.getUser(token)`.
 * The parent pins this process to one CPU (taskset), WebCrypto's and libuv's
 * threads included; the auth server answering getUser runs elsewhere, as a
 * remote one would. Env: BENCH_MODE (`local` or `get-user`), BENCH_TOKEN,
 * BENCH_SECONDS, and NEXT_PUBLIC_SUPABASE_URL / NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY
 * of the auth server that signed the token. Prints one JSON line.
 */
import { createClient } from '@supabase/supabase-js';
import { verifyAccessToken } from '@/lib/auth/verify-access-token';
import { env } from '@/lib/env';

const token = process.env.BENCH_TOKEN ?? '';
const seconds = Number(process.env.BENCH_SECONDS ?? '3');
/** Enough checks in flight that the thread doing the work never waits for the one scheduling it. */
const IN_FLIGHT = 8;

const { supabaseUrl, supabasePublishableKey } = env();
const supabase = createClient(supabaseUrl, supabasePublishableKey, {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
});
const check =
  process.env.BENCH_MODE === 'get-user'
    ? async () => {
        const { error } = await supabase.auth.getUser(token);
        if (error) throw error;
      }
    : () => verifyAccessToken(token);

async function checkFor(milliseconds: number): Promise<number> {
  const deadline = performance.now() + milliseconds;
  let checked = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < deadline) {
        await check();
        checked += 1;
      }
    }),
  );
  return checked;
}

await check(); // the local verifier fetches the key set here, once
await checkFor(500);
// The best of three rounds: the core is shared with whatever else the machine does, which only ever slows a round down.
let best = { checked: 0, seconds: 0, perSecond: 0 };
for (let round = 0; round < 3; round++) {
  const started = performance.now();
  const checked = await checkFor(seconds * 1000);
  const elapsedSeconds = (performance.now() - started) / 1000;
  if (checked / elapsedSeconds > best.perSecond) best = { checked, seconds: elapsedSeconds, perSecond: checked / elapsedSeconds };
}
console.log(JSON.stringify(best));
