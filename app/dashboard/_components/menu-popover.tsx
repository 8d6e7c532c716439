'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';

export interface MenuPopoverProps {
  /** The trigger's content; give it a name a screen reader can read. */
  trigger: React.ReactNode;
  /** Extra classes for the trigger button. */
  triggerClassName?: string;
  /** Accessible name of the trigger when its content has no text (an avatar). */
  triggerLabel?: string;
  align?: 'left' | 'right';
  panelClassName?: string;
  children: React.ReactNode;
}

/**
 * A disclosure (a button that shows a panel of links and buttons), the
 * pattern WAI recommends for navigation menus: Tab moves through the panel,
 * Escape closes it and returns focus to the button, and so does a click
 * outside or a navigation.
 */
export function MenuPopover({ trigger, triggerClassName = '', triggerLabel, align = 'left', panelClassName = '', children }: MenuPopoverProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const [openedAt, setOpenedAt] = useState(pathname);
  if (open && pathname !== openedAt) {
    setOpen(false);
    setOpenedAt(pathname);
  }

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div
      ref={rootRef}
      className="relative"
      onBlur={(event) => {
        // Tabbing out of the panel closes it, so it never hides content behind it.
        if (open && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={triggerLabel}
        onClick={() => {
          setOpenedAt(pathname);
          setOpen((value) => !value);
        }}
        className={`flex items-center gap-2 rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-400 ${triggerClassName}`}
      >
        {trigger}
      </button>
      <div
        id={panelId}
        hidden={!open}
        className={`absolute top-full z-40 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-xl bg-white dark:bg-slate-900 p-1.5 shadow-lg ring-1 ring-slate-900/10 dark:ring-white/10 ${align === 'right' ? 'right-0' : 'left-0'} ${panelClassName}`}
      >
        {open && children}
      </div>
    </div>
  );
}

/** The look of a link or button inside a MenuPopover. */
export const menuItemStyles =
  'flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left text-sm text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800 hover:text-slate-900 dark:hover:text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-400';
