import { unstable_rethrow } from 'next/navigation';
import { logFailure } from '@/lib/http/log-failure';

/**
 * The one shape every server action returns to its form, so every form shows
 * results the same way: `FormMessage` for `message`, `Field error=` for
 * `fieldErrors[name]`.
 *
 *   const [state, formAction] = useActionState(createProject, null);
 *   <Field label="Name" error={fieldError(state, 'name')}><Input name="name" /></Field>
 */
export type FormState = FormSuccess | FormFailure;

export interface FormSuccess {
  ok: true;
  message?: string;
}

export interface FormFailure {
  ok: false;
  message?: string;
  /** The error's code (`plan_limit`, `slug_taken`, ...), so a form can offer the way out (a link to Billing). */
  code?: string;
  /** Messages per input `name`, shown next to the field. */
  fieldErrors?: Record<string, string[]>;
  /**
   * What the user typed. React resets a form after its action finishes, so a
   * failed submit would otherwise clear it: pass these back as `defaultValue`.
   */
  values?: Record<string, string>;
}

/** The signature to give a server action used with `useActionState(action, null)`. */
export type FormAction = (previous: FormState | null, formData: FormData) => Promise<FormState>;

/** An error the app raised on purpose: its message is written for users and safe to show. */
export interface ExpectedError {
  code: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** The API's 422 shape: `[{ field: 'name', message: '...' }]`. */
  fields?: { field: string; message: string }[];
  details?: unknown;
}

export const GENERIC_ERROR_MESSAGE = 'Something went wrong on our side. Please try again.';

/**
 * Turns what an action caught into a form answer: a thrown AppError, an API
 * answer `{ error: { code, message, ... } }`, or a ZodError from parsing the
 * form. Anything else is unexpected: it is logged and the user sees a generic
 * message, never its text (an SQL error or a stack says too much).
 *
 * Next's own control-flow errors (redirect, notFound, forbidden) are re-thrown,
 * so `catch (error) { return toFormState(error) }` cannot swallow them.
 */
export function toFormState(error: unknown, formData?: FormData): FormFailure {
  unstable_rethrow(error);
  const values = formData ? typedValues(formData) : undefined;

  const validation = zodIssues(error);
  if (validation) {
    return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors: validation, values };
  }

  const expected = expectedError(error);
  if (!expected) {
    logFailure('form', error);
    return { ok: false, message: GENERIC_ERROR_MESSAGE, values };
  }
  const fieldErrors = collectFieldErrors(expected);
  return { ok: false, message: expected.message, code: expected.code, ...(fieldErrors && { fieldErrors }), values };
}

/** The messages for one field, for `<Field error={fieldError(state, 'name')}>`. */
export function fieldError(state: FormState | null | undefined, name: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}

/** What the user typed into `name` before a failed submit, for `defaultValue`. */
export function submittedValue(state: FormState | null | undefined, name: string): string | undefined {
  return state && !state.ok ? state.values?.[name] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isExpectedError(value: unknown): value is ExpectedError {
  return isRecord(value) && typeof value.code === 'string' && typeof value.message === 'string';
}

function expectedError(error: unknown): ExpectedError | null {
  // An API answer body: `{ error: { code, message } }`.
  if (isRecord(error) && !(error instanceof Error) && isExpectedError(error.error)) return error.error;
  if (!isExpectedError(error)) return null;
  // A thrown Error only counts when it is the app's own: Postgres and Node
  // errors carry a `code` too, and their messages must not reach users.
  if (error instanceof Error) return error.name === 'AppError' ? error : null;
  return error;
}

function collectFieldErrors(error: ExpectedError): Record<string, string[]> | undefined {
  const result: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    if (field) (result[field] ??= []).push(message);
  };
  for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) messages.forEach((m) => add(field, m));
  for (const { field, message } of error.fields ?? []) add(field, message);
  if (Array.isArray(error.details)) {
    for (const detail of error.details) {
      if (isRecord(detail) && typeof detail.field === 'string' && typeof detail.message === 'string') {
        add(detail.field, detail.message);
      }
    }
  } else if (isRecord(error.details)) {
    for (const [field, messages] of Object.entries(error.details)) {
      if (Array.isArray(messages)) messages.filter((m) => typeof m === 'string').forEach((m) => add(field, m));
    }
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** Field errors from a ZodError, recognised by shape so this file does not depend on zod. */
function zodIssues(error: unknown): Record<string, string[]> | null {
  if (!(error instanceof Error) || error.name !== 'ZodError' || !isRecord(error) || !Array.isArray(error.issues)) {
    return null;
  }
  const result: Record<string, string[]> = {};
  for (const issue of error.issues as unknown[]) {
    if (!isRecord(issue) || typeof issue.message !== 'string' || !Array.isArray(issue.path)) continue;
    const field = issue.path.map(String).join('.');
    (result[field] ??= []).push(issue.message);
  }
  return result;
}

function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    // React adds `$ACTION_...` entries; files cannot be put back into an input.
    if (typeof value === 'string' && !name.startsWith('$ACTION')) values[name] = value;
  }
  return values;
}
