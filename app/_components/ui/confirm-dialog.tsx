'use client';

import { useId, useRef, useState } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';
import { Input } from './input';

export interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  title: React.ReactNode;
  description?: React.ReactNode;
  /**
   * Runs on confirm with the form's data: a bound server action, or the
   * `formAction` from useActionState. Hidden inputs go in `children`.
   */
  action: (formData: FormData) => void | Promise<void>;
  /**
   * When set, the user must type this exactly (an organization's name) before
   * the confirm button works. It is also sent as the `confirmation` field, so
   * the server can check it again.
   */
  confirmationText?: string;
  confirmLabel?: string;
  cancelLabel?: string;
  /** `danger` for deletes and removals; `primary` for reversible confirmations. */
  variant?: 'danger' | 'primary';
  /** A message from the last attempt, such as the last-owner rule. */
  error?: string | null;
  /** Only for work outside the form's action; the form's own pending state is shown anyway. */
  pending?: boolean;
  /** Extra explanation or hidden inputs (`<input type="hidden" name="id" value=…>`). */
  children?: React.ReactNode;
}

export function ConfirmDialog({
  open,
  onClose,
  title,
  description,
  action,
  confirmationText,
  confirmLabel = 'Delete',
  cancelLabel = 'Cancel',
  variant = 'danger',
  error,
  pending,
  children,
}: ConfirmDialogProps) {
  const inputId = useId();
  const initialFocusRef = useRef<HTMLElement>(null);
  const [typed, setTyped] = useState('');
  const [wasOpen, setWasOpen] = useState(open);
  // Each opening starts with an empty confirmation box.
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setTyped('');
  }
  const needsTyping = confirmationText !== undefined;
  const isConfirmed = !needsTyping || typed === confirmationText;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      size="sm"
      action={action}
      // Start on the safe choice: the text box when typing is required, else Cancel.
      initialFocusRef={initialFocusRef}
      footer={
        <>
          <Button
            ref={needsTyping ? undefined : (initialFocusRef as React.Ref<HTMLButtonElement>)}
            variant="secondary"
            onClick={onClose}
          >
            {cancelLabel}
          </Button>
          <Button type="submit" variant={variant} pending={pending} disabled={!isConfirmed}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {(children || needsTyping || error) && (
      <div className="space-y-4">
        {children}
        {needsTyping && (
          <div>
            <label htmlFor={inputId} className="block text-sm text-slate-700 dark:text-slate-300">
              Type <strong className="font-semibold break-all text-slate-900 dark:text-slate-100">{confirmationText}</strong> to
              confirm.
            </label>
            <Input
              ref={initialFocusRef as React.Ref<HTMLInputElement>}
              id={inputId}
              name="confirmation"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              required
              className="mt-1.5"
            />
          </div>
        )}
        {error && (
          <p role="alert" className="rounded-lg bg-red-50 dark:bg-red-950/50 px-3 py-2 text-sm text-red-800 dark:text-red-200">
            {error}
          </p>
        )}
      </div>
      )}
    </Dialog>
  );
}
