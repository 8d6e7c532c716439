import 'server-only';
import { z } from 'zod';
import { toFormState, type FormFailure } from '@/lib/http/form-state';
import { AppError, type ErrorCode } from '@/lib/http/app-error';
import type { RateLimitedAction } from '@/lib/rate-limit/limits';
import { limitServerAction } from '@/lib/rate-limit/server-action-limits';
import type { Caller } from '@/lib/tenant/caller';
import { inOrganization, type TenantScope } from '@/lib/tenant/membership';
import type { MembershipRole } from '@/lib/tenant/roles';
import { requireCaller } from './page-access';

/*
 * How server actions reach the caller, their input and the membership check:
 * the same path as the API's `withAuth` / `withMembership`, with the answer
 * shaped for a form. An action reads as: the role it needs, the input schema,
 * the one lib/ call, then what it tells the user (or where it redirects).
 *
 *   const outcome = await withMembershipAction(slug, formData, { role: 'member', input: createNoteInput },
 *     (scope, input) => createNote(scope, input));
 *   if (!outcome.ok) return outcome;
 *
 * Redirect after this returns, never inside `work`: a redirect thrown inside
 * would roll the transaction back.
 */

export interface ActionOptions<Schema extends z.ZodType | undefined> {
  /** Parsed before any work starts; what fails comes back as errors next to the form's fields. */
  input?: Schema;
  /**
   * The raw input for `input` when the form's names or values differ from the
   * schema's (a date picker's day, an empty field meaning null, an id bound to
   * the action). By default, the form's text fields by name.
   */
  read?: (formData: FormData) => unknown;
  /** Counts the action against the same limits as the API's route for it. */
  rateLimit?: RateLimitedAction;
  /** Error codes about one field (a taken slug), shown next to that field. */
  fieldsByCode?: Partial<Record<ErrorCode, string>>;
}

export interface MembershipActionOptions<Schema extends z.ZodType | undefined> extends ActionOptions<Schema> {
  role: MembershipRole;
}

export interface CallerActionOptions<Schema extends z.ZodType | undefined> extends ActionOptions<Schema> {
  /** Where sign-in comes back to when the session is gone. */
  returnTo: string;
}

export type ActionOutcome<Result> = { ok: true; result: Result } | FormFailure;

type Input<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

/**
 * For server actions in an organization: runs `work` in its tenant
 * transaction with the same membership check the API makes, on the parsed
 * input; a refused or invalid request comes back as a form answer that keeps
 * what the user typed.
 */
export async function withMembershipAction<Result, Schema extends z.ZodType | undefined = undefined>(
  slug: string,
  formData: FormData,
  options: MembershipActionOptions<Schema>,
  work: (scope: TenantScope, input: Input<Schema>) => Promise<Result>,
): Promise<ActionOutcome<Result>> {
  return withCallerAction(formData, { ...options, returnTo: `/dashboard/${slug}` }, (caller, input) =>
    inOrganization(caller, slug, options.role, (scope) => work(scope, input)),
  );
}

/**
 * For server actions of a signed-in person outside one organization (creating
 * one, their account) or that check the organization themselves: `work` gets
 * the caller and the parsed input.
 */
export async function withCallerAction<Result, Schema extends z.ZodType | undefined = undefined>(
  formData: FormData,
  options: CallerActionOptions<Schema>,
  work: (caller: Caller, input: Input<Schema>) => Promise<Result>,
): Promise<ActionOutcome<Result>> {
  const caller = await requireCaller(options.returnTo);
  try {
    // Before the tenant transaction: the limiter uses a connection of its own.
    if (options.rateLimit) await limitServerAction(options.rateLimit, caller);
    const input = (options.input ? options.input.parse((options.read ?? textFields)(formData)) : undefined) as Input<Schema>;
    return { ok: true, result: await work(caller, input) };
  } catch (error) {
    return formFailure(error, formData, options.fieldsByCode);
  }
}

/** For an action on one row: the id bound to it, a UUID (anything else names nothing to act on). */
export const idInput = z.object({ id: z.uuid() });

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

function textFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of formData) {
    // React adds `$ACTION_…` entries of its own.
    if (typeof value === 'string' && !name.startsWith('$ACTION')) fields[name] = value;
  }
  return fields;
}
