'use client';

import { useEffect, useId, useRef, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { Button } from './button';

export interface DialogProps {
  open: boolean;
  /** Called for Escape, the close button, a click on the backdrop, or `<form method="dialog">`. */
  onClose: () => void;
  title: React.ReactNode;
  description?: React.ReactNode;
  children?: React.ReactNode;
  /** Buttons along the bottom, primary action last (it lands on the right). */
  footer?: React.ReactNode;
  size?: 'sm' | 'md' | 'lg';
  /**
   * Makes the body and footer one <form> with this action, so a
   * `<Button type="submit">` in the footer submits it and shows it pending.
   */
  action?: (formData: FormData) => void | Promise<void>;
  /** Where focus starts; by default the first focusable element (the close button comes last). */
  initialFocusRef?: React.RefObject<HTMLElement | null>;
}

const widths = { sm: 'max-w-sm', md: 'max-w-lg', lg: 'max-w-2xl' } as const;

/**
 * A modal on the native <dialog> with showModal(): the browser makes the rest
 * of the page inert (focus cannot leave, screen readers cannot read behind it)
 * and handles Escape. We add the title/description wiring, the backdrop click,
 * and putting focus back on the button that opened it.
 *
 * It is rendered into <body> (a portal) while open: the top layer only lifts
 * the box, and CSS still inherits from where it sits in the document, so a
 * dialog opened from a right-aligned table cell would be right-aligned.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  size = 'md',
  initialFocusRef,
  action,
}: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const isBrowser = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const onCloseRef = useRef(onClose);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || !open) return;
    // Escape closes the element itself; tell the owner so its `open` state
    // follows. The event arrives a task after close(): in development React
    // runs this effect, its cleanup (close) and the effect again (showModal),
    // and the first close's event then finds the dialog open again. An open
    // dialog means the event is stale, not a request to close.
    const handleClose = () => {
      if (!dialog.open) onCloseRef.current();
    };
    dialog.addEventListener('close', handleClose);
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    initialFocusRef?.current?.focus();
    const { documentElement } = document;
    const previousOverflow = documentElement.style.overflow;
    documentElement.style.overflow = 'hidden';

    return () => {
      dialog.removeEventListener('close', handleClose);
      documentElement.style.overflow = previousOverflow;
      if (dialog.open) dialog.close();
      // The opener may be gone (a "Delete" button in a row that was deleted).
      if (opener?.isConnected) opener.focus();
    };
  }, [open, isBrowser, initialFocusRef]);

  // A press that starts and ends on the <dialog> itself is on the backdrop:
  // the panel fills the element, so clicks inside land on its children.
  const pressStartedOnBackdrop = useRef(false);

  if (!open || !isBrowser) return null;
  return createPortal(
    <dialog
      ref={dialogRef}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onPointerDown={(event) => {
        pressStartedOnBackdrop.current = event.target === event.currentTarget;
      }}
      onClick={(event) => {
        if (pressStartedOnBackdrop.current && event.target === event.currentTarget) onClose();
        pressStartedOnBackdrop.current = false;
      }}
      className={`m-auto w-[calc(100%-2rem)] ${widths[size]} max-h-[calc(100dvh-2rem)] overflow-visible rounded-xl bg-transparent p-0 text-slate-900 dark:text-slate-100 backdrop:bg-slate-900/50 dark:backdrop:bg-black/70 motion-safe:transition-opacity motion-safe:duration-150 motion-safe:starting:open:opacity-0`}
    >
      <div className="relative flex max-h-[calc(100dvh-2rem)] flex-col overflow-hidden rounded-xl bg-white dark:bg-slate-900 shadow-xl ring-1 ring-slate-900/5 dark:ring-white/10">
        <div className="flex flex-col gap-1 px-5 pt-5 pb-4 sm:px-6">
          <h2 id={titleId} className="pr-8 text-lg font-semibold text-slate-900 dark:text-slate-100">
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="text-sm text-slate-600 dark:text-slate-400">
              {description}
            </div>
          )}
        </div>
        <Wrapper action={action}>
          {children && <div className="overflow-y-auto px-5 pb-4 sm:px-6">{children}</div>}
          {footer && (
            <div className="flex flex-col-reverse gap-2 border-t border-slate-200 dark:border-slate-800 bg-slate-50 dark:bg-slate-950 px-5 py-3 sm:flex-row sm:justify-end sm:px-6">
              {footer}
            </div>
          )}
        </Wrapper>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close"
          className="absolute top-3 right-3 rounded-md p-1.5 text-slate-500 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800 hover:text-slate-900 dark:hover:text-slate-100"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
            <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
          </svg>
        </button>
      </div>
    </dialog>,
    document.body,
  );
}

const subscribeToNothing = () => () => {};

function Wrapper({ action, children }: { action: DialogProps['action']; children: React.ReactNode }) {
  if (!action) return children;
  return (
    <form action={action} className="flex min-h-0 flex-col">
      {children}
    </form>
  );
}

/** The footer of a form dialog: Cancel, and the submit button that shows `pendingText` while the action runs. */
export function FormDialogFooter({
  onCancel,
  submitLabel,
  pendingText,
}: {
  onCancel: () => void;
  submitLabel: React.ReactNode;
  pendingText: string;
}) {
  return (
    <>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" pendingText={pendingText}>
        {submitLabel}
      </Button>
    </>
  );
}
