'use client';

import { useActionState } from 'react';
import { Button } from '@/app/_components/ui/button';
import { Card } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { FormMessage } from '@/app/_components/ui/form-message';
import { Input } from '@/app/_components/ui/input';
import { Textarea } from '@/app/_components/ui/textarea';
import { fieldError, submittedValue } from '@/lib/http/form-state';
import { createNoteAction, deleteNoteAction } from './actions';

export function NewNoteForm({ slug }: { slug: string }) {
  const [state, formAction] = useActionState(createNoteAction.bind(null, slug), null);
  return (
    // A new key after each saved note empties the form; a refused one keeps what was typed.
    <form key={state?.ok ? state.message : 'draft'} action={formAction} noValidate>
      <Card
        title="New note"
        footer={
          <>
            <FormMessage state={state} className="sm:mr-auto" />
            <Button type="submit" pendingText="Adding…">
              Add note
            </Button>
          </>
        }
      >
        <div className="max-w-lg space-y-5">
          <Field label="Title" error={fieldError(state, 'title')} required>
            <Input name="title" defaultValue={submittedValue(state, 'title') ?? ''} maxLength={200} />
          </Field>
          <Field label="Note" error={fieldError(state, 'body')}>
            <Textarea name="body" rows={3} defaultValue={submittedValue(state, 'body') ?? ''} maxLength={10_000} />
          </Field>
        </div>
      </Card>
    </form>
  );
}

export function DeleteNoteButton({ slug, noteId, title }: { slug: string; noteId: string; title: string }) {
  const [state, formAction] = useActionState(deleteNoteAction.bind(null, slug, noteId), null);
  return (
    <form action={formAction} className="flex items-center gap-3">
      <FormMessage state={state} />
      <Button type="submit" variant="secondary" pendingText="Deleting…" aria-label={`Delete note “${title}”`}>
        Delete
      </Button>
    </form>
  );
}
