import type { Metadata } from 'next';
import { Avatar } from '@/app/_components/ui/avatar';
import { Badge } from '@/app/_components/ui/badge';
import { PageHeader } from '@/app/_components/ui/page-header';
import { RoleBadge } from '@/app/_components/ui/role-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/app/_components/ui/table';
import { currentPlan, usageOf } from '@/lib/billing/entitlements';
import { listInvitations } from '@/lib/tenancy/invitations';
import { listMembers } from '@/lib/tenancy/members';
import { hasAtLeast } from '@/lib/tenancy/roles';
import { PlanUsage } from '../../_components/plan-usage';
import { RoleSync } from '../../_components/role-sync';
import { formatDate, formatRelative } from '../../_lib/format';
import { readInOrganization } from '../../_lib/organization-access';
import { InviteMemberButton, LeaveButton, MemberActions, RevokeInvitationButton } from './member-dialogs';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersPage({ params }: PageProps<'/dashboard/[org]/members'>) {
  const { org: slug } = await params;
  const { organization, myRole, myUserId, members, invitations, plan, seatsUsed } = await readInOrganization(slug, 'member', async (scope) => {
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
    };
  });
  const isAdmin = hasAtLeast(myRole, 'admin');
  const canInviteOwners = myRole === 'owner';
  // The last owner can neither leave nor change their own role (lib/tenancy refuses it too): say so up front.
  const isOnlyOwner = myRole === 'owner' && members.filter((member) => member.role === 'owner').length === 1;
  const lockedReasonId = isOnlyOwner ? 'only-owner-reason' : undefined;

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

      <Table caption={`Members of ${organization.name}`}>
        <TableHead>
          <TableRow>
            <TableHeader>Member</TableHeader>
            <TableHeader className="hidden sm:table-cell">Role</TableHeader>
            <TableHeader className="hidden md:table-cell">Joined</TableHeader>
            <TableHeader>
              <span className="sr-only">Actions</span>
            </TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {members.map((member) => {
            const isMe = member.user_id === myUserId;
            // Admins manage admins and members; only owners touch owners (lib/tenancy/members.ts decides again).
            const canManage = myRole === 'owner' || (myRole === 'admin' && member.role !== 'owner');
            const label = member.name || member.email;
            return (
              <TableRow key={member.user_id}>
                {/* Takes the width left over and truncates, so the actions stay on screen on a phone. */}
                <TableCell className="w-full max-w-0">
                  <div className="flex min-w-0 items-center gap-3">
                    <Avatar src={member.avatar_url} name={member.name} email={member.email} />
                    <div className="min-w-0">
                      <p className="flex items-center gap-2 font-medium text-slate-900">
                        <span className="min-w-0 break-words sm:truncate">{label}</span>
                        {isMe && <Badge>You</Badge>}
                      </p>
                      {member.name && (
                        <p className="break-all text-slate-600 sm:truncate" title={member.email}>
                          {member.email}
                        </p>
                      )}
                      {/* On a phone the role sits here; its column is hidden. */}
                      <RoleBadge role={member.role} className="mt-1 sm:hidden" />
                      {isMe && lockedReasonId && (
                        <p id={lockedReasonId} className="mt-1 text-slate-600">
                          You are the only owner. To leave or change your role, make someone else an owner first.
                        </p>
                      )}
                    </div>
                  </div>
                </TableCell>
                <TableCell className="hidden sm:table-cell">
                  <RoleBadge role={member.role} />
                </TableCell>
                <TableCell className="hidden whitespace-nowrap md:table-cell">
                  <time dateTime={member.joined_at}>{formatDate(member.joined_at)}</time>
                </TableCell>
                <TableCell className="text-right">
                  <div className="flex flex-col items-end gap-2 sm:flex-row sm:justify-end">
                    {isAdmin && canManage && (
                      <MemberActions
                        slug={slug}
                        member={{ userId: member.user_id, label, role: member.role }}
                        isMe={isMe}
                        canGrantOwner={myRole === 'owner'}
                        lockedReasonId={isMe ? lockedReasonId : undefined}
                      />
                    )}
                    {isMe && <LeaveButton slug={slug} organizationName={organization.name} lockedReasonId={lockedReasonId} />}
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>

      {invitations && (
        <section aria-labelledby="invitations-heading" className="space-y-3">
          <div>
            <h2 id="invitations-heading" className="text-lg font-semibold text-slate-900">
              Pending invitations
            </h2>
            <p className="text-sm text-slate-600">
              A link is shown once, when it is created. To send a new one, revoke the invitation and invite again.
            </p>
          </div>
          {invitations.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
              No pending invitations.
            </p>
          ) : (
            <Table caption={`Invitations to ${organization.name}`}>
              <TableHead>
                <TableRow>
                  <TableHeader>Email</TableHeader>
                  <TableHeader className="hidden sm:table-cell">Role</TableHeader>
                  <TableHeader className="hidden sm:table-cell">Expires</TableHeader>
                  <TableHeader>
                    <span className="sr-only">Actions</span>
                  </TableHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {invitations.map((invitation) => (
                  <TableRow key={invitation.id}>
                    <TableCell className="w-full max-w-0">
                      <p className="font-medium break-all text-slate-900 sm:truncate" title={invitation.email}>
                        {invitation.email}
                      </p>
                      <p className="mt-1 flex items-center gap-2 text-xs sm:hidden">
                        <RoleBadge role={invitation.role} />
                        <Expiry invitation={invitation} prefix="expires " />
                      </p>
                    </TableCell>
                    <TableCell className="hidden sm:table-cell">
                      <RoleBadge role={invitation.role} />
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap sm:table-cell">
                      <Expiry invitation={invitation} />
                    </TableCell>
                    <TableCell className="text-right">
                      <RevokeInvitationButton slug={slug} invitation={{ id: invitation.id, email: invitation.email }} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </section>
      )}
    </div>
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
