'use client';

import { Button } from '@/app/_components/ui/button';
import { ConfirmDialog } from '@/app/_components/ui/confirm-dialog';
import { Dialog, FormDialogFooter } from '@/app/_components/ui/dialog';
import { Field } from '@/app/_components/ui/field';
import { FormMessage } from '@/app/_components/ui/form-message';
import { fieldError, submittedValue } from '@/lib/http/form-state';
import { Input } from '@/app/_components/ui/input';
import type { MemberRole } from '@/app/_components/ui/role-badge';
import { Select } from '@/app/_components/ui/select';
import { ShownOnceDialog } from '../../_components/shown-once-dialog';
import { useDialog } from '../../_components/use-dialog';
import { useDialogAction } from '../../_components/use-dialog-action';
import {
  changeRoleAction,
  inviteMemberAction,
  leaveOrganizationAction,
  removeMemberAction,
  revokeInvitationAction,
} from './actions';

const ROLE_HELP = 'Members work on projects. Admins also manage members, invitations and settings. Owners can also delete the organization.';

function RoleOptions({ canGrantOwner }: { canGrantOwner: boolean }) {
  return (
    <>
      <option value="member">Member</option>
      <option value="admin">Admin</option>
      {canGrantOwner && <option value="owner">Owner</option>}
    </>
  );
}

export function InviteMemberButton({ slug, canInviteOwners }: { slug: string; canInviteOwners: boolean }) {
  const dialog = useDialog();
  return (
    <>
      <Button onClick={dialog.show}>
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
          <path d="M10 5a3 3 0 1 1-6 0 3 3 0 0 1 6 0ZM1.615 16.428a1.224 1.224 0 0 1-.569-1.175 6.002 6.002 0 0 1 11.908 0c.058.467-.172.92-.57 1.174A9.953 9.953 0 0 1 7 18a9.953 9.953 0 0 1-5.385-1.572ZM16.25 5.75a.75.75 0 0 0-1.5 0v2h-2a.75.75 0 0 0 0 1.5h2v2a.75.75 0 0 0 1.5 0v-2h2a.75.75 0 0 0 0-1.5h-2v-2Z" />
        </svg>
        Invite member
      </Button>
      <InviteDialog key={dialog.key} open={dialog.open} onClose={dialog.close} slug={slug} canInviteOwners={canInviteOwners} />
    </>
  );
}

function InviteDialog({ open, onClose, slug, canInviteOwners }: { open: boolean; onClose: () => void; slug: string; canInviteOwners: boolean }) {
  // Stays open on success: the link is shown once and has to be copied from here.
  const [state, formAction] = useDialogAction(inviteMemberAction.bind(null, slug), () => {});
  const created = state?.ok && 'acceptUrl' in state ? state : null;

  if (created) {
    return (
      <ShownOnceDialog
        open={open}
        onClose={onClose}
        title="Invitation created"
        description={`Send this link to ${created.email}. It works for 7 days, only for that email address, and is shown only now.`}
        label="Invitation link"
        value={created.acceptUrl}
        copyLabel="Copy link"
        copiedMessage="Link copied"
      />
    );
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Invite a member"
      description="They get a link to join. You can revoke it until it is used."
      action={formAction}
      footer={<FormDialogFooter onCancel={onClose} submitLabel="Create invitation" pendingText="Inviting…" />}
    >
      <div className="space-y-4">
        <FormMessage state={state} />
        <Field label="Email" error={fieldError(state, 'email')} required>
          <Input name="email" type="email" autoComplete="off" defaultValue={submittedValue(state, 'email')} placeholder="name@example.com" />
        </Field>
        <Field label="Role" description={ROLE_HELP} error={fieldError(state, 'role')}>
          <Select name="role" defaultValue={submittedValue(state, 'role') ?? 'member'}>
            <RoleOptions canGrantOwner={canInviteOwners} />
          </Select>
        </Field>
      </div>
    </Dialog>
  );
}

export interface MemberActionsProps {
  slug: string;
  member: { userId: string; label: string; role: MemberRole };
  isMe: boolean;
  canGrantOwner: boolean;
  /** The id of the visible text saying why the role cannot change (the last owner); the button is then disabled. */
  lockedReasonId?: string;
}

export function MemberActions({ slug, member, isMe, canGrantOwner, lockedReasonId }: MemberActionsProps) {
  const roleDialog = useDialog();
  const removeDialog = useDialog();
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={roleDialog.show}
        aria-label={`Change role of ${member.label}`}
        disabled={Boolean(lockedReasonId)}
        aria-describedby={lockedReasonId}
      >
        Change role
      </Button>
      {!isMe && (
        <Button
          variant="ghost"
          size="sm"
          onClick={removeDialog.show}
          aria-label={`Remove ${member.label}`}
          className="text-red-700 dark:text-red-300 hover:bg-red-50 dark:hover:bg-red-950/50 hover:text-red-800 dark:hover:text-red-200"
        >
          Remove
        </Button>
      )}
      <ChangeRoleDialog key={`role-${roleDialog.key}`} open={roleDialog.open} onClose={roleDialog.close} slug={slug} member={member} canGrantOwner={canGrantOwner} />
      {!isMe && (
        <RemoveMemberDialog key={`remove-${removeDialog.key}`} open={removeDialog.open} onClose={removeDialog.close} slug={slug} member={member} />
      )}
    </>
  );
}

function ChangeRoleDialog({
  open,
  onClose,
  slug,
  member,
  canGrantOwner,
}: {
  open: boolean;
  onClose: () => void;
  slug: string;
  member: MemberActionsProps['member'];
  canGrantOwner: boolean;
}) {
  const [state, formAction] = useDialogAction(changeRoleAction.bind(null, slug, member.userId), onClose);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Change the role of ${member.label}`}
      size="sm"
      action={formAction}
      footer={<FormDialogFooter onCancel={onClose} submitLabel="Save role" pendingText="Saving…" />}
    >
      <div className="space-y-4">
        <Field label="Role" description={ROLE_HELP} error={fieldError(state, 'role')}>
          <Select name="role" defaultValue={submittedValue(state, 'role') ?? member.role}>
            <RoleOptions canGrantOwner={canGrantOwner || member.role === 'owner'} />
          </Select>
        </Field>
        <FormMessage state={state} />
      </div>
    </Dialog>
  );
}

function RemoveMemberDialog({ open, onClose, slug, member }: { open: boolean; onClose: () => void; slug: string; member: MemberActionsProps['member'] }) {
  const [state, formAction] = useDialogAction(removeMemberAction.bind(null, slug, member.userId), onClose);
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title={`Remove ${member.label}?`}
      description="They lose access to this organization at once. You can invite them again later."
      confirmLabel="Remove member"
      action={formAction}
      error={state && !state.ok ? state.message : null}
    />
  );
}

export function LeaveButton({ slug, organizationName, lockedReasonId }: { slug: string; organizationName: string; lockedReasonId?: string }) {
  const dialog = useDialog();
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        onClick={dialog.show}
        disabled={Boolean(lockedReasonId)}
        aria-describedby={lockedReasonId}
        className="text-red-700 dark:text-red-300 hover:bg-red-50 dark:hover:bg-red-950/50 hover:text-red-800 dark:hover:text-red-200"
      >
        Leave
      </Button>
      <LeaveDialog key={dialog.key} open={dialog.open} onClose={dialog.close} slug={slug} organizationName={organizationName} />
    </>
  );
}

function LeaveDialog({ open, onClose, slug, organizationName }: { open: boolean; onClose: () => void; slug: string; organizationName: string }) {
  // Success redirects to /dashboard, so only a failure comes back here.
  const [state, formAction] = useDialogAction(leaveOrganizationAction.bind(null, slug), onClose);
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title={`Leave ${organizationName}?`}
      description="You lose access at once; to come back, someone has to invite you again."
      confirmLabel="Leave organization"
      action={formAction}
      error={state && !state.ok ? state.message : null}
    />
  );
}

export function RevokeInvitationButton({ slug, invitation, className = '' }: { slug: string; invitation: { id: string; email: string }; className?: string }) {
  const dialog = useDialog();
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        onClick={dialog.show}
        aria-label={`Revoke the invitation for ${invitation.email}`}
        className={`text-red-700 hover:bg-red-50 hover:text-red-800 dark:text-red-300 dark:hover:bg-red-950/50 dark:hover:text-red-200 ${className}`}
      >
        Revoke
      </Button>
      <RevokeDialog key={dialog.key} open={dialog.open} onClose={dialog.close} slug={slug} invitation={invitation} />
    </>
  );
}

function RevokeDialog({ open, onClose, slug, invitation }: { open: boolean; onClose: () => void; slug: string; invitation: { id: string; email: string } }) {
  const [state, formAction] = useDialogAction(revokeInvitationAction.bind(null, slug, invitation.id), onClose);
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title="Revoke this invitation?"
      description={`The link sent to ${invitation.email} stops working.`}
      confirmLabel="Revoke invitation"
      action={formAction}
      error={state && !state.ok ? state.message : null}
    />
  );
}
