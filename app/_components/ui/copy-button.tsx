'use client';

import { useEffect, useState } from 'react';
import { Button, type ButtonProps } from './button';
import { useOptionalToast } from './toast';

export interface CopyButtonProps extends Omit<ButtonProps, 'onClick' | 'children' | 'value'> {
  /** The text put on the clipboard (an invitation link). */
  value: string;
  /** Visible label; say what is copied when there are several ("Copy link"). */
  label?: string;
  /** What is announced and briefly shown after copying. */
  copiedMessage?: string;
}

export function CopyButton({
  value,
  label = 'Copy',
  copiedMessage = 'Copied',
  variant = 'secondary',
  size = 'sm',
  ...props
}: CopyButtonProps) {
  const toast = useOptionalToast();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (status === 'idle') return;
    const timer = window.setTimeout(() => setStatus('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [status]);

  async function copy() {
    const isCopied = await writeClipboard(value);
    setStatus(isCopied ? 'copied' : 'failed');
    if (isCopied) toast?.success(copiedMessage);
    else toast?.error('Could not copy', 'Select the text and copy it yourself.');
  }

  return (
    <>
      <Button {...props} variant={variant} size={size} onClick={copy}>
        {status === 'copied' ? (
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 text-emerald-600 dark:text-emerald-400">
            <path
              fillRule="evenodd"
              d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
              clipRule="evenodd"
            />
          </svg>
        ) : (
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path d="M7 3.5A1.5 1.5 0 0 1 8.5 2h3.879a1.5 1.5 0 0 1 1.06.44l3.122 3.12A1.5 1.5 0 0 1 17 6.622V12.5a1.5 1.5 0 0 1-1.5 1.5h-1v-3.379a3 3 0 0 0-.879-2.121L10.5 5.379A3 3 0 0 0 8.379 4.5H7v-1Z" />
            <path d="M4.5 6A1.5 1.5 0 0 0 3 7.5v9A1.5 1.5 0 0 0 4.5 18h7a1.5 1.5 0 0 0 1.5-1.5v-5.879a1.5 1.5 0 0 0-.44-1.06L9.44 6.439A1.5 1.5 0 0 0 8.378 6H4.5Z" />
          </svg>
        )}
        {status === 'copied' ? copiedMessage : label}
      </Button>
      {/* Without a ToastProvider the announcement needs a live region of its own. */}
      {!toast && (
        <span role="status" className="sr-only">
          {status === 'copied' ? copiedMessage : status === 'failed' ? 'Could not copy' : ''}
        </span>
      )}
    </>
  );
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The async clipboard needs a secure context (not a LAN address over http).
    const textarea = document.createElement('textarea');
    textarea.value = text;
    textarea.setAttribute('readonly', '');
    textarea.style.position = 'fixed';
    textarea.style.opacity = '0';
    document.body.append(textarea);
    const active = document.activeElement as HTMLElement | null;
    textarea.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      textarea.remove();
      active?.focus();
    }
  }
}
