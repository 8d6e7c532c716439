import type { Metadata } from 'next';
import { EmptyState } from '@/app/_components/ui/empty-state';
import { PageHeader } from '@/app/_components/ui/page-header';
import { Pagination } from '@/app/_components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/app/_components/ui/table';
import { listAuditEvents, type AuditEventView } from '@/lib/audit/list-audit-events';
import { AppError } from '@/lib/http/app-error';
import { listMembers } from '@/lib/tenancy/members';
import { formatDateTime } from '../../_lib/format';
import { readInOrganization } from '../../_lib/organization-access';
import { pageCursor } from '../../_lib/page-cursor';

export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 25;

export default async function AuditLogPage({ params, searchParams }: PageProps<'/dashboard/[org]/audit'>) {
  const { org: slug } = await params;
  const { cursor } = await searchParams;
  const cursorValue = typeof cursor === 'string' ? cursor : undefined;
  const result = await readInOrganization(slug, 'admin', async (scope) => {
    const members = await listMembers(scope);
    try {
      const page = await listAuditEvents(scope, { limit: PAGE_SIZE, cursor: pageCursor(cursorValue) });
      return { members, page, upgrade: null };
    } catch (error) {
      // A plan without the audit log: say so instead of failing the page.
      if (error instanceof AppError && error.code === 'plan_upgrade_required') return { members, page: null, upgrade: error.message };
      throw error;
    }
  });

  const names = new Map(result.members.map((member) => [member.user_id, member.name || member.email]));

  return (
    <div className="space-y-6">
      <PageHeader title="Audit log" description="Who did what in this organization, newest first." />
      {result.upgrade !== null ? (
        <EmptyState title="The audit log needs a paid plan">
          {result.upgrade} Events are recorded on every plan, so the full history appears once you upgrade.
        </EmptyState>
      ) : result.page && result.page.data.length === 0 ? (
        <EmptyState title="Nothing recorded yet">Changes to projects, members and settings appear here.</EmptyState>
      ) : (
        result.page && (
          <>
            <Table caption="Audit log">
              <TableHead>
                <TableRow>
                  <TableHeader>When</TableHeader>
                  <TableHeader>Who</TableHeader>
                  <TableHeader>What</TableHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.page.data.map((event) => (
                  <TableRow key={event.id}>
                    <TableCell className="whitespace-nowrap">
                      <time dateTime={event.created_at}>{formatDateTime(event.created_at)}</time>
                    </TableCell>
                    <TableCell className="font-medium whitespace-nowrap text-slate-900">
                      {names.get(event.actor_id) ?? 'A former member'}
                    </TableCell>
                    <TableCell className="min-w-64">{describeEvent(event, names)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pagination
              pathname={`/dashboard/${slug}/audit`}
              olderCursor={result.page.next_cursor}
              newerCursor={cursorValue ? null : undefined}
            />
          </>
        )
      )}
    </div>
  );
}

/** One line a person can read, from the event's action and details. */
function describeEvent(event: AuditEventView, names: Map<string, string>): string {
  const details = event.details;
  const text = (key: string) => (typeof details[key] === 'string' ? (details[key] as string) : undefined);
  const quoted = (value: string | undefined) => (value ? ` “${value}”` : '');
  const person = names.get(event.target_id) ?? 'a former member';
  switch (event.action) {
    case 'organization.created':
      return `Created the organization${quoted(text('name'))}`;
    case 'organization.updated': {
      const after = (details.after ?? {}) as Record<string, unknown>;
      const changes = [
        typeof after.name === 'string' ? `name to “${after.name}”` : null,
        typeof after.slug === 'string' ? `URL to /dashboard/${after.slug}` : null,
      ].filter(Boolean);
      return changes.length > 0 ? `Changed the ${changes.join(' and the ')}` : 'Updated the organization';
    }
    case 'project.created':
      return `Created the project${quoted(text('name'))}`;
    case 'project.updated': {
      const changes = (details.changes ?? {}) as Record<string, unknown>;
      return typeof changes.name === 'string' ? `Edited the project “${changes.name}”` : 'Edited a project';
    }
    case 'project.deleted':
      return `Deleted the project${quoted(text('name'))}`;
    case 'invitation.created':
      return `Invited ${text('email') ?? 'someone'} as ${text('role') ?? 'member'}`;
    case 'invitation.revoked':
      return `Revoked the invitation for ${text('email') ?? 'someone'}`;
    case 'invitation.accepted':
      return `Joined as ${text('role') ?? 'member'} by accepting an invitation`;
    case 'member.role_changed':
      return `Changed the role of ${person} from ${text('from') ?? '?'} to ${text('to') ?? '?'}`;
    case 'member.removed':
      return `Removed ${person}`;
    case 'member.left':
      return 'Left the organization';
    default:
      return event.action;
  }
}
