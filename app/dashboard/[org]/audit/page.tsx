import type { Metadata } from 'next';
import { ButtonLink } from '@/app/_components/ui/button-link';
import { EmptyState } from '@/app/_components/ui/empty-state';
import { PageHeader } from '@/app/_components/ui/page-header';
import { Pagination } from '@/app/_components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/app/_components/ui/table';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { AppError } from '@/lib/http/app-error';
import { listMembers } from '@/lib/tenancy/members';
import { RoleSync } from '../../_components/role-sync';
import { formatDateTime } from '../../_lib/format';
import { describeActor, describeAuditEvent } from './describe-audit-event';
import { readInOrganization } from '@/lib/auth/page-access';
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
      return { members, page, upgrade: null, role: scope.membership.role };
    } catch (error) {
      // A plan without the audit log: say so instead of failing the page.
      if (error instanceof AppError && error.code === 'plan_upgrade_required') return { members, page: null, upgrade: error.message, role: scope.membership.role };
      throw error;
    }
  });

  const names = new Map(result.members.map((member) => [member.user_id, member.name || member.email]));

  return (
    <div className="space-y-6">
      <RoleSync role={result.role} />
      <PageHeader title="Audit log" description="Who did what in this organization, newest first." />
      {result.upgrade !== null ? (
        <EmptyState
          title="The audit log needs a paid plan"
          action={
            <ButtonLink href={`/dashboard/${slug}/billing`} variant="primary">
              See plans and upgrade
            </ButtonLink>
          }
        >
          The audit log shows who created, changed or deleted what in this organization, and when: projects, members,
          invitations, settings and billing. {result.upgrade} Events are recorded on every plan, so the full history
          appears once you upgrade.
        </EmptyState>
      ) : result.page && result.page.data.length === 0 ? (
        <EmptyState title="Nothing recorded yet">Changes to projects, members and settings appear here.</EmptyState>
      ) : (
        result.page && (
          <>
            {/* Below 640 px each event is a card: three columns would not fit a phone. */}
            <ul aria-label="Audit log" className="divide-y divide-slate-200 dark:divide-slate-800 overflow-hidden rounded-xl border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 shadow-sm sm:hidden">
              {result.page.data.map((event) => (
                <li key={event.id} className="space-y-1 px-4 py-3 text-sm">
                  <p className="font-medium text-slate-900 dark:text-slate-100">{describeActor(event.actor_id, names)}</p>
                  <p className="text-slate-700 dark:text-slate-300">{describeAuditEvent(event, names)}</p>
                  <p className="text-xs text-slate-500 dark:text-slate-400">
                    <time dateTime={event.created_at}>{formatDateTime(event.created_at)}</time>
                  </p>
                </li>
              ))}
            </ul>
            <div className="hidden sm:block">
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
                      <TableCell className="font-medium whitespace-nowrap text-slate-900 dark:text-slate-100">
                        {describeActor(event.actor_id, names)}
                      </TableCell>
                      <TableCell className="min-w-64">{describeAuditEvent(event, names)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
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
