export interface CardProps {
  title?: React.ReactNode;
  description?: React.ReactNode;
  /** Buttons beside the title. */
  actions?: React.ReactNode;
  /** A strip along the bottom, for a form's save button and hint. */
  footer?: React.ReactNode;
  /** `danger` frames the "Delete organization" zone in red. */
  tone?: 'default' | 'danger';
  headingLevel?: 'h2' | 'h3';
  className?: string;
  children?: React.ReactNode;
}

export function Card({
  title,
  description,
  actions,
  footer,
  tone = 'default',
  headingLevel: Heading = 'h2',
  className = '',
  children,
}: CardProps) {
  const border = tone === 'danger' ? 'border-red-200 dark:border-red-900' : 'border-slate-200 dark:border-slate-800';
  return (
    <section className={`overflow-hidden rounded-xl border bg-white dark:bg-slate-900 shadow-sm ${border} ${className}`}>
      {(title || actions) && (
        <div className={`flex flex-wrap items-start justify-between gap-3 px-4 pt-5 sm:px-6 ${children ? '' : 'pb-5'}`}>
          <div className="min-w-0">
            {title && (
              <Heading className={`text-base font-semibold ${tone === 'danger' ? 'text-red-700 dark:text-red-300' : 'text-slate-900 dark:text-slate-100'}`}>
                {title}
              </Heading>
            )}
            {description && <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</div>}
          </div>
          {actions && <div className="flex shrink-0 flex-wrap gap-2">{actions}</div>}
        </div>
      )}
      {children && <div className="px-4 py-5 sm:px-6">{children}</div>}
      {footer && (
        <div
          className={`flex flex-col-reverse gap-3 border-t px-4 py-3 sm:flex-row sm:items-center sm:justify-end sm:px-6 ${tone === 'danger' ? 'border-red-200 dark:border-red-900 bg-red-50/50 dark:bg-red-950/30' : 'border-slate-200 dark:border-slate-800 bg-slate-50 dark:bg-slate-950'}`}
        >
          {footer}
        </div>
      )}
    </section>
  );
}
