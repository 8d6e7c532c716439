import { randomUUID } from 'node:crypto';
import { AppError } from './app-error';
import { logFailure } from './log-failure';

export interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[]; request_id?: string };
}

/**
 * The one mapping from a thrown value to a response. Anything that is not an
 * AppError is a bug: it is logged with a request id that the 500 answer
 * carries too, so a user's report finds the log line, and nothing internal
 * (SQL, stack, constraint names) reaches the client. The log line names the
 * method and path, never the query string, and no email, token or cookie.
 */
export function errorResponse(error: unknown, headers?: HeadersInit, request?: Request): Response {
  const responseHeaders = new Headers(headers);
  responseHeaders.set('Cache-Control', 'no-store');
  if (error instanceof AppError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) responseHeaders.set(name, value);
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.fields) body.error.fields = error.fields;
    return Response.json(body, { status: error.status, headers: responseHeaders });
  }
  if (isTextEncodingError(error)) {
    // Input the checks before the database missed (they refuse NUL already): still the caller's input, not our failure.
    const body: ErrorBody = { error: { code: 'validation_failed', message: 'The request has text the database cannot store.' } };
    return Response.json(body, { status: 422, headers: responseHeaders });
  }
  const requestId = randomUUID();
  logFailure('api', error, { requestId, request });
  const body: ErrorBody = {
    error: { code: 'internal', message: 'Something went wrong on our side.', request_id: requestId },
  };
  return Response.json(body, { status: 500, headers: responseHeaders });
}

/**
 * Postgres refusing a text value: 22021 (invalid byte sequence, such as NUL)
 * and 22P05 (untranslatable character, such as \u0000 in jsonb). Drizzle wraps
 * the driver's error, so the chain of causes is searched.
 */
function isTextEncodingError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === '22021' || code === '22P05') return true;
  }
  return false;
}
