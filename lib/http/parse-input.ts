import { z } from 'zod';
import { AppError, type FieldError } from './app-error';
import { pathsWithNul } from './nul-characters';
import { readBodyWithLimit } from './read-body';

/** Bodies above this are refused, and read no further; no endpoint takes more. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON body and validates it with `schema` (build object schemas with
 * `z.strictObject`, so an unknown field such as `user_id` or `role` is refused
 * instead of silently ignored).
 */
export async function parseJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.output<Schema>> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(contentType)) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const bytes = await readBodyWithLimit(request, MAX_BODY_BYTES);
  let text: string;
  try {
    // Fatal: invalid bytes are refused, not silently turned into U+FFFD and stored.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('malformed_body', 'The body is not valid UTF-8.');
  }

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('validation_failed', 'The body is not valid JSON.', [{ field: '', message: 'Invalid JSON' }]);
  }
  return parseInput(schema, body);
}

/** Validates query parameters (as a plain object of strings) with `schema`. */
export function parseQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.output<Schema> {
  return parseInput(schema, Object.fromEntries(new URL(request.url).searchParams));
}

export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  refuseNul(input);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('validation_failed', 'The request has invalid fields.', fieldErrors(result.error));
}

/** NUL cannot be stored in Postgres text: every string the API accepts is refused with it, naming the field. */
export function refuseNul(input: unknown): void {
  const paths = pathsWithNul(input);
  if (paths.length === 0) return;
  throw new AppError(
    'validation_failed',
    'The request has invalid fields.',
    paths.map((field) => ({ field, message: 'Must not contain NUL characters' })),
  );
}

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const base = issue.path.map(String).join('.');
    // An unknown key is reported once per key, at that key, so a client sees which field to drop.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: base ? `${base}.${key}` : key, message: 'Unknown field' }));
    }
    return [{ field: base, message: issue.message }];
  });
}
