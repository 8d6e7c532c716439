import 'server-only';
import { headers } from 'next/headers';
import { forbidden, notFound, redirect } from 'next/navigation';
import { AppError } from '@/lib/http/app-error';
import { PATHNAME_HEADER } from '@/lib/navigation/pathname-header';
import { currentSlugFor } from '@/lib/tenancy/organizations';
import type { Caller } from '@/lib/tenant/caller';
import { inOrganization, type TenantScope } from '@/lib/tenant/membership';
import type { MembershipRole } from '@/lib/tenant/roles';
import { getCurrentCaller } from './current-caller';

/**
 * How pages reach the caller and the membership check: one helper each, so
 * every page signs in, 404s and 403s the same way. Server actions use
 * lib/auth/action-access.ts, the API lib/auth/with-auth.ts.
 */

/** The sign-in page, coming back to `returnTo` afterwards. */
export function loginPath(returnTo: string): string {
  return `/login?next=${encodeURIComponent(returnTo)}`;
}

/** The signed-in caller, or null: for a page that signed-out visitors may see too (an invitation link). */
export function optionalCaller(): Promise<Caller | null> {
  return getCurrentCaller();
}

/** The signed-in caller, or a trip to /login that comes back to `returnTo`. */
export async function requireCaller(returnTo: string): Promise<Caller> {
  // proxy.ts redirects signed-out visitors too, but never as the only gate.
  const caller = await getCurrentCaller();
  if (!caller) redirect(loginPath(returnTo));
  return caller;
}

/**
 * For pages: the same membership check as the API, with its errors turned
 * into the 404 and 403 pages (rendered inside the dashboard shell).
 */
export async function readInOrganization<Result>(
  slug: string,
  minimumRole: MembershipRole,
  work: (scope: TenantScope) => Promise<Result>,
): Promise<Result> {
  const caller = await requireCaller(`/dashboard/${slug}`);
  try {
    return await inOrganization(caller, slug, minimumRole, work);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') await notFoundUnlessMoved(caller, slug);
    if (error instanceof AppError && error.code === 'forbidden') forbidden();
    throw error;
  }
}

/**
 * An organization's page that is not the caller's: if the slug was the
 * organization's until a rename in the last 30 days, the same page at its new
 * slug; otherwise the 404 page.
 */
async function notFoundUnlessMoved(caller: Caller, slug: string): Promise<never> {
  const movedTo = await currentSlugFor(caller, slug);
  if (!movedTo) notFound();
  const path = (await headers()).get(PATHNAME_HEADER) ?? '';
  const prefix = `/dashboard/${slug}`;
  // Only a plain path below the old prefix is carried over; anything else lands on the organization's home.
  const rest = path.startsWith(`${prefix}/`) && /^[\w/-]*$/.test(path.slice(prefix.length)) ? path.slice(prefix.length) : '';
  redirect(`/dashboard/${movedTo}${rest.replace(/\/{2,}/g, '/')}`);
}
