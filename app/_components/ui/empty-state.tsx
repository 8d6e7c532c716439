export interface EmptyStateProps {
  /** A decorative icon (an svg with aria-hidden); a neutral box icon by default. */
  icon?: React.ReactNode;
  title: string;
  children?: React.ReactNode;
  /** Usually the one thing to do next: a ButtonLink or a Button that opens a dialog. */
  action?: React.ReactNode;
  /** Heading level fitting the page, h2 by default. */
  headingLevel?: 'h2' | 'h3';
  className?: string;
}

export function EmptyState({ icon, title, children, action, headingLevel: Heading = 'h2', className = '' }: EmptyStateProps) {
  return (
    <div
      className={`flex flex-col items-center rounded-xl border border-dashed border-slate-300 dark:border-slate-700 px-6 py-12 text-center ${className}`}
    >
      <div className="flex size-12 items-center justify-center rounded-full bg-brand-50 dark:bg-brand-950 text-brand-600 dark:text-brand-400" aria-hidden="true">
        {icon ?? (
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" className="size-6">
            <path
              strokeLinecap="round"
              strokeLinejoin="round"
              d="M20.25 7.5l-.625 10.632a2.25 2.25 0 01-2.247 2.118H6.622a2.25 2.25 0 01-2.247-2.118L3.75 7.5m8.25 3v6.75m0 0l-3-3m3 3l3-3M3.375 7.5h17.25c.621 0 1.125-.504 1.125-1.125v-1.5c0-.621-.504-1.125-1.125-1.125H3.375c-.621 0-1.125.504-1.125 1.125v1.5c0 .621.504 1.125 1.125 1.125z"
            />
          </svg>
        )}
      </div>
      <Heading className="mt-4 text-base font-semibold text-slate-900 dark:text-slate-100">{title}</Heading>
      {children && <div className="mt-1 max-w-sm text-sm text-slate-600 dark:text-slate-400">{children}</div>}
      {action && <div className="mt-6">{action}</div>}
    </div>
  );
}
