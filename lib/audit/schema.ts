import { z } from 'zod';
import { ORGANIZATION_ERRORS, type OrganizationOperation } from '@/lib/http/api-operation';

/*
 * One line of an organization's audit trail as the API and the audit page
 * show it, and the API operation that lists them. Client-safe; the query is
 * in ./list-audit-events.ts, the writing in the database.
 */

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    actor_id: z.uuid(),
    action: z.string().meta({ examples: ['project.created'] }),
    target_type: z.string(),
    target_id: z.string(),
    details: z.record(z.string(), z.unknown()),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'AuditEvent' });

export type AuditEventView = z.infer<typeof auditEventSchema>;

/** Admins read the trail; nobody edits it. A paid feature (402 on free). */
export const auditOperations = {
  list: { method: 'get', path: '/api/v1/orgs/{slug}/audit', summary: 'Audit events, newest first', who: 'admin', response: { status: 200, schema: auditEventSchema, paged: true }, errors: [...ORGANIZATION_ERRORS, 'plan_upgrade_required', 'forbidden', 'validation_failed'] },
} as const satisfies Record<string, OrganizationOperation>;
