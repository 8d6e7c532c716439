import 'server-only';
import { auditEvents } from '@/db/schema';
import type { Caller } from '@/lib/auth/caller';
import type { Transaction } from '@/lib/tenancy/tenant-transaction';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/**
 * Writes one audit event in the caller's transaction, so the event exists if
 * and only if the change it describes was committed.
 */
export async function recordAuditEvent(
  scope: { tx: Transaction; caller: Caller; organizationId: string },
  entry: AuditEntry,
): Promise<void> {
  await scope.tx.insert(auditEvents).values({
    organizationId: scope.organizationId,
    actorId: scope.caller.userId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? {},
  });
}
