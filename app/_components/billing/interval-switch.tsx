import Link from 'next/link';
import type { BillingInterval } from '@/lib/billing/plans';

export interface IntervalSwitchProps {
  /** The page the switch links to; the interval goes in its `?interval=` query. */
  pathname: string;
  current: BillingInterval;
  /** "Save up to 17%" beside "Yearly", when there is a saving. */
  yearlySavingsPercent?: number;
}

/**
 * Monthly or yearly prices, as two links to `?interval=`: it works before
 * JavaScript loads, and the choice survives a reload or a shared link.
 */
export function IntervalSwitch({ pathname, current, yearlySavingsPercent = 0 }: IntervalSwitchProps) {
  const options: { interval: BillingInterval; label: string; href: string }[] = [
    { interval: 'month', label: 'Monthly', href: pathname },
    { interval: 'year', label: 'Yearly', href: `${pathname}?interval=year` },
  ];
  return (
    <nav aria-label="Billing period" className="flex flex-wrap items-center gap-3">
      <ul className="inline-flex rounded-lg border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 p-1 shadow-sm">
        {options.map((option) => {
          const isCurrent = option.interval === current;
          return (
            <li key={option.interval}>
              <Link
                href={option.href}
                scroll={false}
                replace
                aria-current={isCurrent ? 'true' : undefined}
                className={`inline-flex h-8 items-center rounded-md px-4 text-sm font-medium ${
                  isCurrent ? 'bg-brand-600 text-white' : 'text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800 hover:text-slate-900 dark:hover:text-slate-100'
                }`}
              >
                {option.label}
              </Link>
            </li>
          );
        })}
      </ul>
      {yearlySavingsPercent > 0 && (
        <span className="text-sm font-medium text-emerald-800 dark:text-emerald-200">Save up to {yearlySavingsPercent}% yearly</span>
      )}
    </nav>
  );
}
