import { Logo } from '@/app/_components/logo';

export interface StatusPageProps {
  /** The HTTP status or a short word shown above the title, such as "404". */
  code?: string;
  title: string;
  children: React.ReactNode;
  /** Where to go from here: ButtonLinks or Buttons. */
  actions?: React.ReactNode;
  /** Leave out the logo bar when the page renders inside a layout that already has one (the dashboard shell). */
  withHeader?: boolean;
}

/** The body of the 404, 403, 401 and error pages, in the look of the landing page. */
export function StatusPage({ code, title, children, actions, withHeader = true }: StatusPageProps) {
  const content = (
    <div className="mx-auto flex w-full max-w-xl flex-col items-start px-4 py-16 sm:px-6 sm:py-24">
      {code && <p className="text-sm font-semibold tracking-wider text-brand-600 dark:text-brand-400 uppercase">{code}</p>}
      <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900 dark:text-slate-100 sm:text-4xl">{title}</h1>
      <div className="mt-4 space-y-3 text-base leading-7 text-slate-600 dark:text-slate-400">{children}</div>
      {actions && <div className="mt-8 flex flex-wrap gap-3">{actions}</div>}
    </div>
  );
  if (!withHeader) return content;
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-brand-50 dark:from-brand-950 to-white dark:to-slate-950">
      <header className="border-b border-slate-200 dark:border-slate-800 bg-white/60 dark:bg-slate-900/60">
        <div className="mx-auto flex max-w-6xl items-center px-4 py-4 sm:px-6">
          <Logo />
        </div>
      </header>
      <main id="main" className="flex flex-1 items-start sm:items-center">
        {content}
      </main>
    </div>
  );
}
