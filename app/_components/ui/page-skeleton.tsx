import { KeepsNavigationProgress } from '../navigation-progress';

/**
 * Grey blocks in the shape of a page that is still loading, for loading.tsx:
 * the page's title is known at once, so it is shown, and the rest waits.
 */
export function PageSkeleton({ title, rows = 3, variant = 'list' }: { title: string; rows?: number; variant?: 'list' | 'form' }) {
  return (
    <div className="space-y-6" aria-busy="true">
      <KeepsNavigationProgress />
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="min-w-0 space-y-2">
          <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-slate-100">{title}</h1>
          <SkeletonBlock className="h-4 w-64 max-w-full" />
        </div>
      </div>
      <p role="status" className="sr-only">
        Loading {title.toLowerCase()}…
      </p>
      {variant === 'list' ? (
        <div className="divide-y divide-slate-200 dark:divide-slate-800 overflow-hidden rounded-xl border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 shadow-sm">
          {Array.from({ length: rows }, (_, index) => (
            <div key={index} className="flex items-center gap-3 px-4 py-4 sm:px-6">
              <SkeletonBlock className="size-8 shrink-0 rounded-full" />
              <div className="min-w-0 flex-1 space-y-2">
                <SkeletonBlock className="h-4 w-40 max-w-full" />
                <SkeletonBlock className="h-3 w-56 max-w-full" />
              </div>
            </div>
          ))}
        </div>
      ) : (
        <div className="space-y-5 rounded-xl border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 p-6 shadow-sm">
          {Array.from({ length: rows }, (_, index) => (
            <div key={index} className="max-w-lg space-y-2">
              <SkeletonBlock className="h-4 w-32" />
              <SkeletonBlock className="h-10 w-full" />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function SkeletonBlock({ className }: { className: string }) {
  return <div aria-hidden="true" className={`rounded-md bg-slate-200 dark:bg-slate-700 motion-safe:animate-pulse ${className}`} />;
}
