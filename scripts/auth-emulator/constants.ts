import { AUTH_EMULATOR_PORT, AUTH_EMULATOR_PUBLISHABLE_KEY, AUTH_EMULATOR_SECRET_KEY, LOCAL_HOST } from '../../lib/local-stand-ins';

// Where the emulator listens and the key it agrees on with the app: lib/local-stand-ins.ts.
export const LOCAL_PUBLISHABLE_KEY = AUTH_EMULATOR_PUBLISHABLE_KEY;
export const DEFAULT_PORT = AUTH_EMULATOR_PORT;
export const DEFAULT_HOST = LOCAL_HOST;
export const DEFAULT_SITE_URL = 'http://localhost:3000';
export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
/** Hosted projects and the Supabase CLI use 10 s; the bare server default is 0. */
export const DEFAULT_REFRESH_TOKEN_REUSE_INTERVAL_SECONDS = 10;
/** GoTrue's `FlowStateExpiryDuration` default: an auth code must be exchanged within 5 minutes of `/authorize`. */
export const DEFAULT_FLOW_STATE_EXPIRY_SECONDS = 300;

export const AUTH_PATH_PREFIX = '/auth/v1';
export const API_VERSION_HEADER = 'X-Supabase-Api-Version';
export const AUTHENTICATED_AUDIENCE = 'authenticated';
export const EMULATOR_VERSION = 'local-emulator';

/**
 * The secret (service role) key of local mode: what the server's admin client
 * sends to the emulator's `/admin` endpoints. It opens nothing outside local
 * mode; a real project's secret key comes from SUPABASE_SECRET_KEY.
 */
export const LOCAL_SECRET_KEY = AUTH_EMULATOR_SECRET_KEY;
