import { withMembership } from '@/lib/auth/with-auth';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { auditOperations } from '@/lib/audit/schema';
import { pageQuerySchema, toPageRequest } from '@/lib/http/pagination';

export const dynamic = 'force-dynamic';

export const GET = withMembership(auditOperations.list.who, { query: pageQuerySchema }, async ({ scope, query }) =>
  Response.json(await listAuditEvents(scope, toPageRequest(query))),
);
