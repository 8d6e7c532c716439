import type { Metadata } from 'next';
import { Avatar } from '@/app/_components/ui/avatar';
import { Badge } from '@/app/_components/ui/badge';
import { PageHeader } from '@/app/_components/ui/page-header';
import { RoleBadge } from '@/app/_components/ui/role-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/app/_components/ui/table';
import { currentPlan, usageOf } from '@/lib/billing/entitlements';
import { listEmailFailures } from '@/lib/email/invitation-email';
import { listInvitations } from '@/lib/tenancy/invitations';
import { listMembers } from '@/lib/tenancy/members';
import { hasAtLeast } from '@/lib/tenant/roles';
import { PlanUsage } from '../../_components/plan-usage';
import { RoleSync } from '../../_components/role-sync';
import { formatDate, formatRelative } from '../../_lib/format';
import { readInOrganization } from '@/lib/auth/page-access';
import { EmailFailureNotice, ResendInvitationButton } from './email-notices';
import { InviteMemberButton, LeaveButton, MemberActions, RevokeInvitationButton } from './member-dialogs';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage({ params }: PageProps<'/dashboard/[org]/members'>) {
  const { org: slug } = await params;
  const { organization, myRole, myUserId, members, invitations, plan, seatsUsed, emailFailures } = await readInOrganization(slug, 'member', async (scope) => {
    const isAdmin = hasAtLeast(scope.membership.role, 'admin');
    return {
      organization: scope.organization,
      myRole: scope.membership.role,
      myUserId: scope.caller.userId,
      members: await listMembers(scope),
      plan: await currentPlan(scope.tx, scope.organization.id),
      seatsUsed: (await usageOf(scope.tx, scope.organization.id)).members,
      // Only admins may see invitations (RLS agrees); members get none.
      invitations: isAdmin ? (await listInvitations(scope)).filter((invitation) => invitation.status === 'pending' || invitation.status === 'expired') : null,
      emailFailures: isAdmin ? await listEmailFailures(scope) : [],
    };
  });
  const isAdmin = hasAtLeast(myRole, 'admin');
  const canInviteOwners = myRole === 'owner';
  // The last owner can neither leave nor change their own role (lib/tenancy refuses it too): say so up front.
  const isOnlyOwner = myRole === 'owner' && members.filter((member) => member.role === 'owner').length === 1;
  const lockedReasonId = 'only-owner-reason';

  return (
    <div className="space-y-8">
      <RoleSync role={myRole} />
      <PageHeader
        title="Members"
        description={
          <>
            <p>People in {organization.name} and what they may do.</p>
            <PlanUsage
              slug={slug}
              used={seatsUsed}
              limit={plan.limits.members}
              noun="seats"
              planName={plan.name}
              note="Pending invitations take a seat."
            />
          </>
        }
        actions={isAdmin ? <InviteMemberButton slug={slug} canInviteOwners={canInviteOwners} /> : undefined}
      />

      {/* Below 640 px each member is a card (cardList); from 640 px on, a table. */}
      <ul aria-label={`Members of ${organization.name}`} className={cardList}>
        {members.map((member) => {
          const row = memberRow(member);
          return (
            <li key={member.user_id} className="space-y-3 px-4 py-4">
              <MemberIdentity member={member} isMe={row.isMe} />
              <dl className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
                <div className="flex items-center gap-1.5">
                  <dt className="sr-only">Role</dt>
                  <dd>
                    <RoleBadge role={member.role} />
                  </dd>
                </div>
                <div className="flex items-center gap-1">
                  <dt>Joined</dt>
                  <dd>
                    <time dateTime={member.joined_at}>{formatDate(member.joined_at)}</time>
                  </dd>
                </div>
              </dl>
              {row.isMe && isOnlyOwner && <OnlyOwnerReason id={`${lockedReasonId}-card`} />}
              {(row.canManage || row.isMe) && (
                <div className="flex flex-wrap gap-2">{memberControls(member, row, `${lockedReasonId}-card`)}</div>
              )}
            </li>
          );
        })}
      </ul>
      <div className="hidden sm:block">
        <Table caption={`Members of ${organization.name}`}>
          <TableHead>
            <TableRow>
              <TableHeader>Member</TableHeader>
              <TableHeader>Role</TableHeader>
              <TableHeader className="hidden md:table-cell">Joined</TableHeader>
              <TableHeader>
                <span className="sr-only">Actions</span>
              </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {members.map((member) => {
              const row = memberRow(member);
              return (
                <TableRow key={member.user_id}>
                  {/* Takes the width left over and truncates, so the actions stay in view. */}
                  <TableCell className="w-full max-w-0">
                    <MemberIdentity member={member} isMe={row.isMe} truncate />
                    {row.isMe && isOnlyOwner && <OnlyOwnerReason id={lockedReasonId} className="mt-1 pl-11" />}
                  </TableCell>
                  <TableCell>
                    <RoleBadge role={member.role} />
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap md:table-cell">
                    <time dateTime={member.joined_at}>{formatDate(member.joined_at)}</time>
                  </TableCell>
                  <TableCell className="text-right">
                    <div className="flex items-center justify-end gap-2">{memberControls(member, row, lockedReasonId)}</div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>

      <EmailFailureNotice failures={emailFailures} />

      {invitations && (
        <section aria-labelledby="invitations-heading" className="space-y-3">
          <div>
            <h2 id="invitations-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
              Pending invitations
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Invitations are emailed; a link is also shown once, when it is created. Resend makes a new link and the old one stops working.
            </p>
          </div>
          {invitations.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
              No pending invitations.
            </p>
          ) : (
            <>
              <ul aria-label={`Invitations to ${organization.name}`} className={cardList}>
                {/* Keyed by address, not id: Resend replaces the invitation, and its button must keep its answer. */}
                {invitations.map((invitation) => (
                  <li key={invitation.email} className="space-y-2 px-4 py-4">
                    <p className="font-medium break-all text-slate-900 dark:text-slate-100">{invitation.email}</p>
                    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
                      <RoleBadge role={invitation.role} />
                      <Expiry invitation={invitation} prefix="Expires " />
                    </p>
                    <div className="-ml-3 flex flex-wrap items-center gap-2">
                      <ResendInvitationButton slug={slug} invitation={{ id: invitation.id, email: invitation.email }} />
                      <RevokeInvitationButton slug={slug} invitation={{ id: invitation.id, email: invitation.email }} />
                    </div>
                  </li>
                ))}
              </ul>
              <div className="hidden sm:block">
                <Table caption={`Invitations to ${organization.name}`}>
                  <TableHead>
                    <TableRow>
                      <TableHeader>Email</TableHeader>
                      <TableHeader>Role</TableHeader>
                      <TableHeader>Expires</TableHeader>
                      <TableHeader>
                        <span className="sr-only">Actions</span>
                      </TableHeader>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {invitations.map((invitation) => (
                      <TableRow key={invitation.email}>
                        <TableCell className="w-full max-w-0">
                          <p className="truncate font-medium text-slate-900 dark:text-slate-100" title={invitation.email}>
                            {invitation.email}
                          </p>
                        </TableCell>
                        <TableCell>
                          <RoleBadge role={invitation.role} />
                        </TableCell>
                        <TableCell className="whitespace-nowrap">
                          <Expiry invitation={invitation} />
                        </TableCell>
                        <TableCell className="text-right">
                          <div className="flex items-center justify-end gap-2">
                            <ResendInvitationButton slug={slug} invitation={{ id: invitation.id, email: invitation.email }} />
                            <RevokeInvitationButton slug={slug} invitation={{ id: invitation.id, email: invitation.email }} />
                          </div>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );

  /** What the viewer may do to this member. */
  function memberRow(member: Member) {
    return {
      isMe: member.user_id === myUserId,
      // Admins manage admins and members; only owners touch owners (lib/tenancy/members.ts decides again).
      canManage: isAdmin && (myRole === 'owner' || (myRole === 'admin' && member.role !== 'owner')),
    };
  }

  function memberControls(member: Member, row: ReturnType<typeof memberRow>, reasonId: string | undefined) {
    return (
      <>
        {row.canManage && (
          <MemberActions
            slug={slug}
            member={{ userId: member.user_id, label: member.name || member.email, role: member.role }}
            isMe={row.isMe}
            canGrantOwner={myRole === 'owner'}
            lockedReasonId={row.isMe && isOnlyOwner ? reasonId : undefined}
          />
        )}
        {row.isMe && <LeaveButton slug={slug} organizationName={organization.name} lockedReasonId={isOnlyOwner ? reasonId : undefined} />}
      </>
    );
  }
}

type Member = Awaited<ReturnType<typeof listMembers>>[number];

/** Cards below 640 px, in place of the table beside them. */
const cardList =
  'divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm sm:hidden dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900';

function MemberIdentity({ member, isMe, truncate = false }: { member: Member; isMe: boolean; truncate?: boolean }) {
  const label = member.name || member.email;
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Avatar src={member.avatar_url} name={member.name} email={member.email} />
      <div className="min-w-0">
        <p className="flex items-center gap-2 font-medium text-slate-900 dark:text-slate-100">
          <span className={`min-w-0 ${truncate ? 'truncate' : 'break-words'}`}>{label}</span>
          {isMe && <Badge>You</Badge>}
        </p>
        {member.name && (
          <p className={`text-slate-600 dark:text-slate-400 ${truncate ? 'truncate' : 'break-all'}`} title={member.email}>
            {member.email}
          </p>
        )}
      </div>
    </div>
  );
}

function OnlyOwnerReason({ id, className = '' }: { id: string | undefined; className?: string }) {
  return (
    <p id={id} className={`text-sm text-slate-600 dark:text-slate-400 ${className}`}>
      You are the only owner. To leave or change your role, make someone else an owner first.
    </p>
  );
}

function Expiry({ invitation, prefix = '' }: { invitation: { status: string; expires_at: string }; prefix?: string }) {
  if (invitation.status === 'expired') return <Badge tone="warning">Expired</Badge>;
  return (
    <time dateTime={invitation.expires_at} title={formatDate(invitation.expires_at)}>
      {prefix}
      {formatRelative(invitation.expires_at)}
    </time>
  );
}
