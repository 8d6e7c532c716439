'use client';

import { useFormStatus } from 'react-dom';
import { buttonStyles, type ButtonSize, type ButtonVariant } from './button-styles';
import { Spinner } from './spinner';

export interface ButtonProps extends React.ComponentPropsWithRef<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /**
   * Shows a spinner and ignores clicks. A `type="submit"` button is also
   * pending on its own while its form's action runs (React's useFormStatus).
   */
  pending?: boolean;
  /** Replaces the label while pending, such as "Saving…". */
  pendingText?: React.ReactNode;
}

export function Button({
  variant = 'primary',
  size = 'md',
  pending = false,
  pendingText,
  type = 'button',
  className,
  children,
  onClick,
  ...props
}: ButtonProps) {
  const form = useFormStatus();
  const isPending = pending || (type === 'submit' && form.pending);

  return (
    <button
      type={type}
      {...props}
      // Not `disabled` while pending: a disabled button drops keyboard focus
      // to <body>, and a screen reader user would lose their place.
      aria-disabled={isPending || props['aria-disabled'] || undefined}
      aria-busy={isPending || undefined}
      onClick={(event) => {
        if (isPending) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
      className={buttonStyles({ variant, size, className })}
    >
      {isPending && <Spinner size={size === 'lg' ? 'md' : 'sm'} />}
      {isPending && pendingText ? pendingText : children}
    </button>
  );
}
