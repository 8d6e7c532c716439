'use client';

import { createContext, use, useCallback, useEffect, useMemo, useRef, useState } from 'react';

export type ToastTone = 'success' | 'error' | 'info';

export interface ToastOptions {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Milliseconds on screen; errors stay longer so they can be read. */
  duration?: number;
}

interface Toast extends Required<Omit<ToastOptions, 'description'>> {
  id: number;
  description?: string;
}

export interface ToastApi {
  toast: (options: ToastOptions) => number;
  success: (title: string, description?: string) => number;
  error: (title: string, description?: string) => number;
  dismiss: (id: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** Show a toast: `const toast = useToast(); toast.success('Project created')`. Needs a ToastProvider above. */
export function useToast(): ToastApi {
  const api = use(ToastContext);
  if (!api) throw new Error('useToast() needs a <ToastProvider> above it (the dashboard layout).');
  return api;
}

/** For components that work with or without a provider (CopyButton). */
export function useOptionalToast(): ToastApi | null {
  return use(ToastContext);
}

const MAX_TOASTS = 4;

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((t) => t.id !== id)), []);

  const api = useMemo<ToastApi>(() => {
    const toast = ({ title, description, tone = 'info', duration }: ToastOptions) => {
      const id = nextId.current++;
      const shown = duration ?? (tone === 'error' ? 8000 : 5000);
      setToasts((current) => [...current, { id, title, description, tone, duration: shown }].slice(-MAX_TOASTS));
      return id;
    };
    return {
      toast,
      success: (title, description) => toast({ title, description, tone: 'success' }),
      error: (title, description) => toast({ title, description, tone: 'error' }),
      dismiss,
    };
  }, [dismiss]);

  return (
    <ToastContext value={api}>
      {children}
      {/* Always in the page: screen readers only announce changes to a live region that already existed. */}
      <div
        role="status"
        aria-live="polite"
        aria-label="Notifications"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end sm:p-6"
      >
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext>
  );
}

/** Each tone's ring and icon (a 20 px solid glyph: its colour and path). */
const toneStyles: Record<ToastTone, { ring: string; iconColor: string; iconPath: string }> = {
  success: {
    ring: 'ring-emerald-600/20 dark:ring-emerald-400/30',
    iconColor: 'text-emerald-600 dark:text-emerald-400',
    iconPath:
      'M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.857-9.809a.75.75 0 0 0-1.214-.882l-3.483 4.79-1.88-1.88a.75.75 0 1 0-1.06 1.061l2.5 2.5a.75.75 0 0 0 1.137-.089l4-5.5Z',
  },
  error: {
    ring: 'ring-red-600/30 dark:ring-red-400/30',
    iconColor: 'text-red-600 dark:text-red-400',
    iconPath:
      'M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z',
  },
  info: {
    ring: 'ring-slate-900/10 dark:ring-white/10',
    iconColor: 'text-brand-600 dark:text-brand-400',
    iconPath:
      'M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.253a.25.25 0 0 1 .244.304l-.459 2.066A1.75 1.75 0 0 0 10.747 15H11a.75.75 0 0 0 0-1.5h-.253a.25.25 0 0 1-.244-.304l.459-2.066A1.75 1.75 0 0 0 9.253 9H9Z',
  },
};

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [isHovered, setIsHovered] = useState(false);
  const [isFocused, setIsFocused] = useState(false);
  const remaining = useRef(toast.duration);
  const isPaused = isHovered || isFocused;

  // Counts down only while nobody is reading or about to press it; pausing
  // keeps the time already spent, so it does not restart from full.
  useEffect(() => {
    if (isPaused) return;
    const startedAt = Date.now();
    const timer = window.setTimeout(() => onDismiss(toast.id), remaining.current);
    return () => {
      window.clearTimeout(timer);
      remaining.current = Math.max(1500, remaining.current - (Date.now() - startedAt));
    };
  }, [isPaused, onDismiss, toast.id]);

  const { ring, iconColor, iconPath } = toneStyles[toast.tone];
  return (
    <div
      onPointerEnter={() => setIsHovered(true)}
      onPointerLeave={() => setIsHovered(false)}
      onFocus={() => setIsFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setIsFocused(false);
      }}
      className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl bg-white dark:bg-slate-900 p-4 shadow-lg ring-1 ${ring} motion-safe:transition motion-safe:duration-200 motion-safe:starting:translate-y-2 motion-safe:starting:opacity-0`}
    >
      <div className="shrink-0">
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={`size-5 ${iconColor}`}>
          <path fillRule="evenodd" d={iconPath} clipRule="evenodd" />
        </svg>
      </div>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium break-words text-slate-900 dark:text-slate-100">
          {toast.tone === 'error' && <span className="sr-only">Error: </span>}
          {toast.title}
        </p>
        {toast.description && <p className="mt-1 text-sm break-words text-slate-600 dark:text-slate-400">{toast.description}</p>}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        className="-m-1 shrink-0 rounded-md p-1 text-slate-400 dark:text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800 hover:text-slate-700 dark:hover:text-slate-300"
      >
        <span className="sr-only">Dismiss</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
          <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
        </svg>
      </button>
    </div>
  );
}
