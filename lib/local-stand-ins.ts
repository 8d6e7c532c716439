/**
 * Where local mode's stand-ins live and the keys they agree on with the app:
 * the auth emulator (scripts/auth-emulator) and the Stripe stand-in
 * (scripts/stripe-stand-in). Kept in one place so a port or key changes once.
 *
 * These values are published in this repository, so they unlock nothing but
 * the stand-ins: lib/env.ts refuses them outside local mode, and the app only
 * falls back to them when LOCAL_MODE is on (see lib/env.ts).
 *
 * Not `server-only`: next.config.ts (through lib/env.ts) and the dev scripts
 * import it too.
 */

export const LOCAL_HOST = '127.0.0.1';

/** The port Supabase's own local stack uses, so switching between them changes nothing else. */
export const AUTH_EMULATOR_PORT = 54321;
export const AUTH_EMULATOR_URL = `http://${LOCAL_HOST}:${AUTH_EMULATOR_PORT}`;
/**
 * The publishable (anon) key local mode configures. The emulator accepts any
 * `apikey`, as a project with an unrestricted key would; this is only the value
 * the app and tests agree on so nobody has to invent one.
 */
export const AUTH_EMULATOR_PUBLISHABLE_KEY = 'sb_publishable_local_emulator_key';
/** The emulator's secret (service role) key: what opens its admin API, for deleting an account's sign-in. */
export const AUTH_EMULATOR_SECRET_KEY = 'sb_secret_local_emulator_key';

export const STRIPE_STAND_IN_PORT = 12111;
export const STRIPE_STAND_IN_URL = `http://${LOCAL_HOST}:${STRIPE_STAND_IN_PORT}`;
/** The key the app uses against the stand-in; the stand-in accepts any `sk_test_…` key. */
export const STRIPE_STAND_IN_SECRET_KEY = 'sk_test_local_stand_in';
/** The stand-in signs its webhooks with this unless told otherwise. */
export const STRIPE_STAND_IN_WEBHOOK_SECRET = 'whsec_local_stand_in_0123456789abcdef';
/** The port `npm test`'s e2e server gives the stand-in when E2E_STRIPE_PORT is not set. */
export const E2E_STRIPE_STAND_IN_PORT = 12112;
