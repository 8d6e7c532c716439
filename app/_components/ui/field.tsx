'use client';

import { useId } from 'react';
import { FieldContext } from './field-context';
import { Label } from './label';

export interface FieldProps {
  label: React.ReactNode;
  /** Help text under the label, read by screen readers with the control. */
  description?: React.ReactNode;
  /** One message or the list from `fieldErrors[name]`; the first is shown. */
  error?: string | string[] | null;
  /** Marks the control `required`; the label says "(optional)" on fields that are not. */
  required?: boolean;
  optional?: boolean;
  /** Keeps the label for screen readers only (a search box with a visible button). */
  hideLabel?: boolean;
  /** Use when the control needs a known id; otherwise one is generated. */
  id?: string;
  className?: string;
  /** One Input, Textarea or Select: it picks up id, aria-describedby and aria-invalid. */
  children: React.ReactNode;
}

/** A label, optional description, the control, and its error, wired together for assistive technology. */
export function Field({
  label,
  description,
  error,
  required = false,
  optional,
  hideLabel,
  id,
  className = '',
  children,
}: FieldProps) {
  const generatedId = useId();
  const controlId = id ?? `field${generatedId}`;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const message = asSentence(label, Array.isArray(error) ? error[0] : error);
  const errorId = message ? `${controlId}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined;

  return (
    <FieldContext value={{ id: controlId, describedBy, invalid: Boolean(message), required }}>
      <div className={className}>
        <Label htmlFor={controlId} optional={optional} className={hideLabel ? 'sr-only' : undefined}>
          {label}
        </Label>
        {description && (
          <p id={descriptionId} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {description}
          </p>
        )}
        <div className={hideLabel ? undefined : 'mt-1.5'}>{children}</div>
        {message && (
          <p id={errorId} className="mt-1.5 flex gap-1.5 text-sm text-red-700 dark:text-red-300">
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
              <path
                fillRule="evenodd"
                d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
                clipRule="evenodd"
              />
            </svg>
            <span>{message}</span>
          </p>
        )}
      </div>
    </FieldContext>
  );
}

/**
 * Validation messages come as fragments ("must not be empty", "Invalid email
 * address"); shown under a field they read as a sentence: "Name must not be
 * empty.", "Invalid email address."
 */
function asSentence(label: React.ReactNode, message: string | null | undefined): string | null | undefined {
  if (!message) return message;
  let text = message.trim();
  if (/^[a-z]/.test(text)) text = typeof label === 'string' ? `${label} ${text}` : text[0]!.toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
