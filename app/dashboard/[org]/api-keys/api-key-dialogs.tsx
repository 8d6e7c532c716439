'use client';

import { Button } from '@/app/_components/ui/button';
import { ConfirmDialog } from '@/app/_components/ui/confirm-dialog';
import { Dialog, FormDialogFooter } from '@/app/_components/ui/dialog';
import { Field } from '@/app/_components/ui/field';
import { FormMessage } from '@/app/_components/ui/form-message';
import { fieldError, submittedValue } from '@/lib/http/form-state';
import { Input } from '@/app/_components/ui/input';
import { Select } from '@/app/_components/ui/select';
import { ShownOnceDialog } from '../../_components/shown-once-dialog';
import { useDialog } from '../../_components/use-dialog';
import { useDialogAction } from '../../_components/use-dialog-action';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

export function CreateApiKeyButton({ slug }: { slug: string }) {
  const dialog = useDialog();
  return (
    <>
      <Button variant="primary" onClick={dialog.show}>
        Create API key
      </Button>
      <CreateApiKeyDialog key={dialog.key} open={dialog.open} onClose={dialog.close} slug={slug} />
    </>
  );
}

function CreateApiKeyDialog({ open, onClose, slug }: { open: boolean; onClose: () => void; slug: string }) {
  // Stays open on success: the key is shown once and has to be copied from here.
  const [state, formAction] = useDialogAction(createApiKeyAction.bind(null, slug), () => {});
  const created = state?.ok && 'key' in state ? state : null;

  if (created) {
    return (
      <ShownOnceDialog
        open={open}
        onClose={onClose}
        title="API key created"
        description={`Copy “${created.name}” now and keep it somewhere safe: it is shown only this once. Send it as Authorization: Bearer <key>.`}
        label="API key"
        value={created.key}
        copyLabel="Copy key"
        copiedMessage="Key copied"
      />
    );
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Create an API key"
      description="A server or script uses it to call the API for this organization, as you, with the role you choose."
      action={formAction}
      footer={<FormDialogFooter onCancel={onClose} submitLabel="Create key" pendingText="Creating…" />}
    >
      <div className="space-y-4">
        <FormMessage state={state} />
        <Field label="Name" description="What uses it, such as “CI deploys”." error={fieldError(state, 'name')} required>
          <Input name="name" autoComplete="off" maxLength={100} defaultValue={submittedValue(state, 'name')} />
        </Field>
        <Field label="Role" description="Member reads and writes projects; admin also manages members and settings." error={fieldError(state, 'role')}>
          <Select name="role" defaultValue={submittedValue(state, 'role') ?? 'member'}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
        <Field label="Expires on" description="Optional; without a date the key works until it is revoked." error={fieldError(state, 'expires_at')}>
          <Input name="expires_on" type="date" defaultValue={submittedValue(state, 'expires_on')} />
        </Field>
      </div>
    </Dialog>
  );
}

export function RevokeApiKeyButton({ slug, apiKey }: { slug: string; apiKey: { id: string; name: string } }) {
  const dialog = useDialog();
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        onClick={dialog.show}
        aria-label={`Revoke the API key ${apiKey.name}`}
        className="text-red-700 hover:bg-red-50 hover:text-red-800 dark:text-red-300 dark:hover:bg-red-950/50 dark:hover:text-red-200"
      >
        Revoke
      </Button>
      <RevokeApiKeyDialog key={dialog.key} open={dialog.open} onClose={dialog.close} slug={slug} apiKey={apiKey} />
    </>
  );
}

function RevokeApiKeyDialog({ open, onClose, slug, apiKey }: { open: boolean; onClose: () => void; slug: string; apiKey: { id: string; name: string } }) {
  const [state, formAction] = useDialogAction(revokeApiKeyAction.bind(null, slug, apiKey.id), onClose);
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title="Revoke this API key?"
      description={`Anything using “${apiKey.name}” is refused from its next request. This cannot be undone.`}
      confirmLabel="Revoke key"
      action={formAction}
      error={state && !state.ok ? state.message : null}
    />
  );
}
