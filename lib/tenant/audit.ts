import 'server-only';
import { auditEvents } from '@/db/schema';
import type { Transaction } from '@/lib/tenant/transaction';

export interface AuditEntry {
  /**
   * The organization the event belongs to; null for a system event no
   * organization owns, which no tenant can read (row level security admits
   * only rows of the caller's organizations). An operator finds those with
   * `select * from audit_events where organization_id is null order by created_at desc`.
   */
  organizationId: string | null;
  /** Who acted: a verified `sub`, or Stripe's fixed id for what Stripe did. */
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/**
 * Writes one audit event in a system transaction (`asSystem`). Users cannot
 * write audit events: tenant changes are recorded by the database itself
 * (tenantry.write_audit_event), and this is for what happens outside it, at
 * Stripe, after the caller's role was checked.
 */
export async function recordAuditEvent(systemTx: Transaction, entry: AuditEntry): Promise<void> {
  await systemTx.insert(auditEvents).values({ ...entry, details: entry.details ?? {} });
}
