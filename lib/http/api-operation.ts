import type { z } from 'zod';
import type { MembershipRole } from '@/db/schema';
import type { ErrorCode } from './app-error';

/**
 * One API operation as its resource declares it: the route reads `who` for
 * its membership check and `body` for its input, and lib/openapi/document.ts
 * describes it from the same object, so the role a route requires and the
 * role the document states cannot differ.
 *
 * Type-only imports: resource schema modules that hold these are client-safe.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI style: `/api/v1/orgs/{slug}/projects/{id}`. */
  path: string;
  summary: string;
  who:
    | 'signed in'
    | MembershipRole
    | 'Stripe (the Stripe-Signature header, no bearer token)'
    | 'a scheduler (CRON_SECRET as a Bearer token, no user token)';
  body?: z.ZodType;
  response?: { status: number; schema?: z.ZodType; list?: boolean; paged?: boolean };
  errors: readonly ErrorCode[];
  /** Not authenticated with a user's bearer token (the Stripe webhook proves itself by its signature, the email sweep by CRON_SECRET). */
  public?: boolean;
  /** An organization route that refuses API keys (403 `person_required`): things only a person does. */
  personOnly?: boolean;
}

/** An operation inside an organization: the caller needs at least `who` there. */
export interface OrganizationOperation extends ApiOperation {
  who: MembershipRole;
}

/** The errors every operation under `/orgs/{slug}` can answer. */
export const ORGANIZATION_ERRORS = ['unauthorized', 'not_found'] as const satisfies readonly ErrorCode[];
