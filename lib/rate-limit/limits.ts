/**
 * How often a caller may do each limited thing: the defaults, in one place,
 * and the RATE_LIMITS setting that changes or turns them off.
 *
 * Each limited action has a per-user limit (the verified `sub`) and a per-IP
 * limit (see client-ip.ts for when the IP is known). The defaults are far
 * above what a person clicking in the dashboard or a well-behaved script
 * does; they stop floods, not use.
 *
 * Not `server-only`: lib/env.ts validates RATE_LIMITS with `parseRateLimitSetting`
 * so a typo stops the server at start.
 */

export interface RateLimit {
  /** Hits allowed in one window. */
  limit: number;
  /** The window's length in seconds; it starts at the first hit. */
  windowSeconds: number;
}

export type RateLimitScope = 'user' | 'ip';

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export const DEFAULT_RATE_LIMITS = {
  /** POST /api/v1/orgs and the dashboard's "New organization". */
  'organizations.create': { user: { limit: 20, windowSeconds: HOUR }, ip: { limit: 60, windowSeconds: HOUR } },
  /** Creating (or sending again) an invitation. */
  'invitations.create': { user: { limit: 100, windowSeconds: HOUR }, ip: { limit: 300, windowSeconds: HOUR } },
  /**
   * Anything that tries an invitation: accepting by token or by id, and
   * opening an invitation link (signed in or not), which says whether a token exists.
   */
  'invitations.accept': { user: { limit: 30, windowSeconds: 10 * MINUTE }, ip: { limit: 60, windowSeconds: 10 * MINUTE } },
  /** Creating, changing and deleting projects. */
  'projects.write': { user: { limit: 300, windowSeconds: 10 * MINUTE }, ip: { limit: 600, windowSeconds: 10 * MINUTE } },
  /** Starting a Stripe Checkout or opening the billing portal (each one calls Stripe several times). */
  'billing.sessions': { user: { limit: 30, windowSeconds: 10 * MINUTE }, ip: { limit: 60, windowSeconds: 10 * MINUTE } },
} as const satisfies Record<string, Record<RateLimitScope, RateLimit>>;

export type RateLimitedAction = keyof typeof DEFAULT_RATE_LIMITS;

/** Each action's limits after RATE_LIMITS; `null` is "not limited". */
export type RateLimitTable = Record<RateLimitedAction, Record<RateLimitScope, RateLimit | null>>;

export class RateLimitSettingError extends Error {}

/**
 * Reads RATE_LIMITS: unset or empty keeps the defaults; `off` turns every
 * limit off; otherwise a comma-separated list of changes to the defaults,
 * each `<action>.<user|ip>=<limit>/<seconds>` or `<action>.<user|ip>=off`:
 *
 *   RATE_LIMITS=invitations.accept.ip=20/600,organizations.create.user=off
 */
export function parseRateLimitSetting(setting: string | undefined): RateLimitTable {
  const table = Object.fromEntries(
    Object.entries(DEFAULT_RATE_LIMITS).map(([action, limits]) => [action, { ...limits }]),
  ) as RateLimitTable;
  const text = setting?.trim() ?? '';
  if (text === '') return table;
  if (text.toLowerCase() === 'off') {
    for (const limits of Object.values(table)) limits.user = limits.ip = null;
    return table;
  }
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([a-z.]+)\.(user|ip)=(?:(off)|(\d{1,9})\/(\d{1,9}))$/.exec(entry);
    const action = match?.[1];
    if (!match || !action || !(action in table)) {
      throw new RateLimitSettingError(
        `"${entry}" is not <action>.<user|ip>=<limit>/<seconds> or =off, with an action of ${Object.keys(table).join(', ')}`,
      );
    }
    const scope = match[2] as RateLimitScope;
    const limits = table[action as RateLimitedAction];
    if (match[3]) {
      limits[scope] = null;
      continue;
    }
    const limit = Number(match[4]);
    const windowSeconds = Number(match[5]);
    if (limit < 1 || windowSeconds < 1) throw new RateLimitSettingError(`"${entry}" needs a limit and a window of at least 1`);
    limits[scope] = { limit, windowSeconds };
  }
  return table;
}
