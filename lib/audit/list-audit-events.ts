import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { auditEvents, type AuditEvent } from '@/db/schema';
import { assertFeature } from '@/lib/billing/entitlements';
import { olderThan, toPage, type Page, type PageRequest } from '@/lib/http/pagination';
import type { TenantScope } from '@/lib/tenant/membership';
import type { AuditEventView } from './schema';

/** The organization's audit trail, newest first; a paid feature (402 `plan_upgrade_required` on free). */
export async function listAuditEvents(scope: TenantScope, page: PageRequest): Promise<Page<AuditEventView>> {
  await assertFeature(scope, 'auditLog');
  const rows = await scope.tx
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, scope.organization.id),
        olderThan(page.cursor, auditEvents.createdAt, auditEvents.id),
      ),
    )
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit, presentAuditEvent);
}

function presentAuditEvent(event: AuditEvent): AuditEventView {
  return {
    id: event.id,
    actor_id: event.actorId,
    action: event.action,
    target_type: event.targetType,
    target_id: event.targetId,
    details: event.details,
    created_at: event.createdAt.toISOString(),
  };
}
