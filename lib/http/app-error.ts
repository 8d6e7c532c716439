/**
 * The errors the API answers on purpose. Domain code throws these; one mapper
 * (`errorResponse`) turns them into `{"error":{"code","message"}}`, so a client
 * can branch on `code` and never has to parse a message.
 */
export const ERROR_STATUS = {
  invalid_signature: 400,
  malformed_body: 400,
  unauthorized: 401,
  anonymous_not_allowed: 401,
  plan_limit: 402,
  plan_upgrade_required: 402,
  forbidden: 403,
  cross_origin_request: 403,
  invitation_email_mismatch: 403,
  person_required: 403,
  not_found: 404,
  slug_taken: 409,
  last_owner: 409,
  already_member: 409,
  invitation_revoked: 409,
  invitation_used: 409,
  subscription_exists: 409,
  billing_not_set_up: 409,
  invitation_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  auth_unavailable: 503,
  billing_unavailable: 503,
  internal: 500,
  billing_disabled: 501,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one input field, as answered in a 422. */
export interface FieldError {
  /** Dotted path into the input, such as `name` or `items.0.id`; empty for the whole body. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    /** Headers the answer carries, such as a 429's `Retry-After`. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

/** The one answer for "no such thing, or not yours": callers cannot tell which. */
export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}
