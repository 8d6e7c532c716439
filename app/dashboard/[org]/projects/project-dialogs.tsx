'use client';

import { useState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { ConfirmDialog } from '@/app/_components/ui/confirm-dialog';
import { Dialog, FormDialogFooter } from '@/app/_components/ui/dialog';
import { Field } from '@/app/_components/ui/field';
import { FormMessage } from '@/app/_components/ui/form-message';
import { fieldError, submittedValue, type FormAction } from '@/lib/http/form-state';
import { Input } from '@/app/_components/ui/input';
import { Textarea } from '@/app/_components/ui/textarea';
import { useDialogAction } from '../../_components/use-dialog-action';
import { createProjectAction, deleteProjectAction, updateProjectAction } from './actions';

interface ProjectSummary {
  id: string;
  name: string;
  description: string | null;
}

/** `disabledReason`: the plan's limit is reached; the button is disabled and described by #project-limit-reason, which shows it. */
export function NewProjectButton({ slug, label = 'New project', disabledReason }: { slug: string; label?: string; disabledReason?: string }) {
  const [open, setOpen] = useState(false);
  // A new key per opening: the form starts empty, without the last attempt's errors.
  const [opening, setOpening] = useState(0);
  return (
    <>
      <Button
        disabled={Boolean(disabledReason)}
        aria-describedby={disabledReason ? 'project-limit-reason' : undefined}
        onClick={() => {
          setOpening((value) => value + 1);
          setOpen(true);
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
          <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
        </svg>
        {label}
      </Button>
      <ProjectFormDialog
        key={opening}
        open={open}
        onClose={() => setOpen(false)}
        title="New project"
        submitLabel="Create project"
        action={createProjectAction.bind(null, slug)}
      />
    </>
  );
}

export function ProjectActions({ slug, project }: { slug: string; project: ProjectSummary }) {
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const [opening, setOpening] = useState(0);
  const open = (which: 'edit' | 'delete') => {
    setOpening((value) => value + 1);
    setDialog(which);
  };
  return (
    <div className="flex shrink-0 gap-2">
      <Button variant="secondary" size="sm" onClick={() => open('edit')} aria-label={`Edit ${project.name}`}>
        Edit
      </Button>
      <Button variant="ghost" size="sm" onClick={() => open('delete')} aria-label={`Delete ${project.name}`} className="text-red-700 dark:text-red-300 hover:bg-red-50 dark:hover:bg-red-950/50 hover:text-red-800 dark:hover:text-red-200">
        Delete
      </Button>
      <ProjectFormDialog
        key={`edit-${opening}`}
        open={dialog === 'edit'}
        onClose={() => setDialog(null)}
        title="Edit project"
        submitLabel="Save changes"
        project={project}
        action={updateProjectAction.bind(null, slug, project.id)}
      />
      <DeleteProjectDialog
        key={`delete-${opening}`}
        open={dialog === 'delete'}
        onClose={() => setDialog(null)}
        project={project}
        action={deleteProjectAction.bind(null, slug, project.id)}
      />
    </div>
  );
}

function ProjectFormDialog({
  open,
  onClose,
  title,
  submitLabel,
  project,
  action,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  submitLabel: string;
  project?: ProjectSummary;
  action: FormAction;
}) {
  const [state, formAction] = useDialogAction(action, onClose);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      action={formAction}
      footer={<FormDialogFooter onCancel={onClose} submitLabel={submitLabel} pendingText="Saving…" />}
    >
      <div className="space-y-4">
        <FormMessage state={state} />
        <Field label="Name" error={fieldError(state, 'name')} required>
          <Input name="name" defaultValue={submittedValue(state, 'name') ?? project?.name ?? ''} maxLength={200} autoComplete="off" />
        </Field>
        <Field label="Description" optional error={fieldError(state, 'description')}>
          <Textarea name="description" rows={3} maxLength={2000} defaultValue={submittedValue(state, 'description') ?? project?.description ?? ''} />
        </Field>
      </div>
    </Dialog>
  );
}

function DeleteProjectDialog({
  open,
  onClose,
  project,
  action,
}: {
  open: boolean;
  onClose: () => void;
  project: ProjectSummary;
  action: FormAction;
}) {
  const [state, formAction] = useDialogAction(action, onClose);
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title={`Delete “${project.name}”?`}
      description="The project is deleted for everyone in the organization. This cannot be undone."
      confirmLabel="Delete project"
      action={formAction}
      error={state && !state.ok ? state.message : null}
    />
  );
}
