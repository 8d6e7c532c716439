import 'server-only';
import { toFormState, type FormFailure } from '@/lib/http/form-state';
import { AppError, type ErrorCode } from '@/lib/http/app-error';
import type { RateLimitedAction } from '@/lib/rate-limit/limits';
import { limitServerAction } from '@/lib/rate-limit/server-action-limits';
import { inOrganization, type TenantScope } from '@/lib/tenant/membership';
import type { MembershipRole } from '@/lib/tenant/roles';
import { requireCaller } from './page-access';

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
