import 'server-only';
import { headers } from 'next/headers';
import { forbidden, notFound, redirect } from 'next/navigation';
import { toFormState, type FormFailure } from '@/app/_components/ui/form-state';
import type { Caller } from '@/lib/tenant/caller';
import { getCurrentCaller } from '@/lib/auth/current-caller';
import { AppError, type ErrorCode } from '@/lib/http/app-error';
import type { MembershipRole } from '@/lib/tenant/roles';
import { PATHNAME_HEADER } from '@/lib/navigation/pathname-header';
import type { RateLimitedAction } from '@/lib/rate-limit/limits';
import { limitServerAction } from '@/lib/rate-limit/server-action-limits';
import { currentSlugFor } from '@/lib/tenancy/organizations';
import { inOrganization, type TenantScope } from '@/lib/tenant/membership';

/** The signed-in caller, or a trip to /login that comes back to `returnTo`. */
export async function requireCaller(returnTo: string): Promise<Caller> {
  // proxy.ts redirects signed-out visitors too, but never as the only gate.
  const caller = await getCurrentCaller();
  if (!caller) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
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
export async function notFoundUnlessMoved(caller: Caller, slug: string): Promise<never> {
  const movedTo = await currentSlugFor(caller, slug);
  if (!movedTo) notFound();
  const path = (await headers()).get(PATHNAME_HEADER) ?? '';
  const prefix = `/dashboard/${slug}`;
  // Only a plain path below the old prefix is carried over; anything else lands on the organization's home.
  const rest = path.startsWith(`${prefix}/`) && /^[\w/-]*$/.test(path.slice(prefix.length)) ? path.slice(prefix.length) : '';
  redirect(`/dashboard/${movedTo}${rest.replace(/\/{2,}/g, '/')}`);
}

/**
 * For server actions: runs `work` in the organization with the same checks
 * the API makes; a refused or invalid request comes back as a form answer.
 * Redirect after this returns, never inside `work`: a redirect thrown inside
 * would roll the transaction back. `rateLimit` counts the action against the
 * same limits as the API's route for it.
 */
export async function actInOrganization<Result>(
  slug: string,
  minimumRole: MembershipRole,
  formData: FormData,
  work: (scope: TenantScope) => Promise<Result>,
  options: { fieldsByCode?: Partial<Record<ErrorCode, string>>; rateLimit?: RateLimitedAction } = {},
): Promise<{ ok: true; result: Result } | FormFailure> {
  const caller = await requireCaller(`/dashboard/${slug}`);
  try {
    // Before the tenant transaction: the limiter uses a connection of its own.
    if (options.rateLimit) await limitServerAction(options.rateLimit, caller);
    return { ok: true, result: await inOrganization(caller, slug, minimumRole, work) };
  } catch (error) {
    return formFailure(error, formData, options.fieldsByCode);
  }
}

/**
 * `toFormState`, plus: an error code that is about one field (a taken slug)
 * is shown next to that field.
 */
export function formFailure(
  error: unknown,
  formData: FormData,
  fieldsByCode: Partial<Record<ErrorCode, string>> = {},
): FormFailure {
  const failure = toFormState(error, formData);
  const field = error instanceof AppError ? fieldsByCode[error.code] : undefined;
  if (field && failure.message) return { ...failure, fieldErrors: { ...failure.fieldErrors, [field]: [failure.message] } };
  return failure;
}

/** A form field as a string ('' when missing), for building the lib's input objects. */
export function textField(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}
