import { useId } from 'react';

export interface TableProps extends React.ComponentPropsWithRef<'table'> {
  /** Names the table for screen readers (and the scroll region); visible only if `showCaption`. */
  caption: string;
  showCaption?: boolean;
}

/**
 * A data table that scrolls sideways inside its own box on narrow screens
 * rather than widening the page. The box is focusable so keyboard users can
 * scroll it too.
 */
export function Table({ caption, showCaption = false, className = '', children, ...props }: TableProps) {
  const captionId = useId();
  return (
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className="relative overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 shadow-sm focus-visible:outline-brand-600 dark:focus-visible:outline-brand-400"
    >
      <table {...props} className={`w-full border-collapse text-left text-sm ${className}`}>
        <caption
          id={captionId}
          className={showCaption ? 'px-4 pt-4 pb-2 text-left font-semibold text-slate-900 dark:text-slate-100 sm:px-6' : 'sr-only'}
        >
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function TableHead({ className = '', ...props }: React.ComponentPropsWithRef<'thead'>) {
  return <thead {...props} className={`border-b border-slate-200 dark:border-slate-800 bg-slate-50 dark:bg-slate-950 ${className}`} />;
}

export function TableBody({ className = '', ...props }: React.ComponentPropsWithRef<'tbody'>) {
  return <tbody {...props} className={`divide-y divide-slate-200 dark:divide-slate-800 ${className}`} />;
}

export function TableRow(props: React.ComponentPropsWithRef<'tr'>) {
  return <tr {...props} />;
}

/** A column header. Label an actions column for screen readers: `<TableHeader><span className="sr-only">Actions</span></TableHeader>`. */
export function TableHeader({ className = '', scope = 'col', ...props }: React.ComponentPropsWithRef<'th'>) {
  return (
    <th
      scope={scope}
      {...props}
      className={`px-4 py-3 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 dark:text-slate-400 uppercase sm:px-6 ${className}`}
    />
  );
}

export function TableCell({ className = '', ...props }: React.ComponentPropsWithRef<'td'>) {
  return <td {...props} className={`px-4 py-3 align-middle text-slate-700 dark:text-slate-300 sm:px-6 ${className}`} />;
}
