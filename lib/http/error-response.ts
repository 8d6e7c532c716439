import { randomUUID } from 'node:crypto';
import { AppError } from './app-error';

export interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[]; request_id?: string };
}

/**
 * The one mapping from a thrown value to a response. Anything that is not an
 * AppError is a bug: it is logged with a request id that the 500 answer
 * carries too, so a user's report finds the log line, and nothing internal
 * (SQL, stack, constraint names) reaches the client.
 */
export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const responseHeaders = new Headers(headers);
  responseHeaders.set('Cache-Control', 'no-store');
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.fields) body.error.fields = error.fields;
    return Response.json(body, { status: error.status, headers: responseHeaders });
  }
  const requestId = randomUUID();
  console.error(`[api] request ${requestId} failed:`, error);
  const body: ErrorBody = {
    error: { code: 'internal', message: 'Something went wrong on our side.', request_id: requestId },
  };
  return Response.json(body, { status: 500, headers: responseHeaders });
}
