/**
 * Error values shaped like Supabase Auth's (`internal/api/apierrors`), so auth-js
 * turns them into the same `AuthApiError` codes it would see in production.
 */
export class AuthHttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'AuthHttpError';
    this.status = status;
    this.code = code;
  }
}

/** OAuth-style errors (`{ error, error_description }`), always answered with 400. */
export class OAuthError extends Error {
  readonly error: string;
  readonly description: string;

  constructor(error: string, description: string) {
    super(description);
    this.name = 'OAuthError';
    this.error = error;
    this.description = description;
  }
}

export const badRequest = (code: string, message: string) => new AuthHttpError(400, code, message);
export const unauthorized = (code: string, message: string) => new AuthHttpError(401, code, message);
export const forbidden = (code: string, message: string) => new AuthHttpError(403, code, message);
export const notFound = (code: string, message: string) => new AuthHttpError(404, code, message);
export const unprocessable = (code: string, message: string) => new AuthHttpError(422, code, message);

export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const UNEXPECTED_FAILURE_MESSAGE = 'Unexpected failure, please check server logs for more information';

/**
 * Since API version 2024-01-01 (sent by every auth-js request) the body is
 * `{ code, message }` and the version is echoed back; older callers, and plain
 * browser navigations, get the legacy `{ code: <status>, error_code, msg }`.
 */
export function toErrorResponse(error: unknown, apiVersionHeader: string | undefined, errorId: string): ErrorResponse {
  const speaksVersion20240101 = isApiVersionAtLeast20240101(apiVersionHeader);
  const headers: Record<string, string> = {};
  if (speaksVersion20240101) headers['X-Supabase-Api-Version'] = '2024-01-01';

  if (error instanceof OAuthError) {
    const body: Record<string, string> = { error: error.error };
    if (error.description) body.error_description = error.description;
    return { status: 400, headers, body };
  }

  const httpError =
    error instanceof AuthHttpError ? error : new AuthHttpError(500, 'unexpected_failure', UNEXPECTED_FAILURE_MESSAGE);
  headers['x-sb-error-code'] = httpError.code;

  if (speaksVersion20240101) {
    return { status: httpError.status, headers, body: { code: httpError.code, message: httpError.message } };
  }
  const legacyBody: Record<string, unknown> = {
    code: httpError.status,
    error_code: httpError.code,
    msg: httpError.message,
  };
  if (httpError.status >= 500) legacyBody.error_id = errorId;
  return { status: httpError.status, headers, body: legacyBody };
}

function isApiVersionAtLeast20240101(header: string | undefined): boolean {
  if (!header || !/^\d{4}-\d{2}-\d{2}$/.test(header)) return false;
  const parsed = Date.parse(`${header}T00:00:00Z`);
  return Number.isFinite(parsed) && parsed >= Date.UTC(2024, 0, 1);
}
