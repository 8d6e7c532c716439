import type { SigningKeyRing } from './keys';
import type { Store } from './store';

/** Everything a handler needs, resolved once at start-up. */
export interface EmulatorContext {
  /** e.g. http://127.0.0.1:54321, no trailing slash. */
  url: string;
  /** `iss` of every access token: `<url>/auth/v1`, as Supabase sets it. */
  issuer: string;
  siteUrl: string;
  additionalRedirectUrls: string[];
  accessTokenLifetimeSeconds: number;
  refreshTokenReuseIntervalSeconds: number;
  flowStateExpirySeconds: number;
  keys: SigningKeyRing;
  /** The key that opens the admin API (`/admin/users/…`). */
  secretKey: string;
  store: Store;
  /** Epoch milliseconds; injectable so tests can move time instead of waiting. */
  now(): number;
  /** Moves `now()` forward; only `POST /emulator/clock` (secret key) calls it, so tests can pass an expiry. */
  advanceClock(milliseconds: number): void;
  /** Puts `now()` back to real time (`POST /emulator/clock` with `reset`), so one test's jump does not leak into the next. */
  resetClock(): void;
}
