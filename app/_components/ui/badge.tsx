export type BadgeTone = 'neutral' | 'brand' | 'success' | 'warning' | 'danger';

const tones: Record<BadgeTone, string> = {
  neutral: 'bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300 ring-slate-500/20 dark:ring-slate-400/30',
  brand: 'bg-brand-50 dark:bg-brand-950 text-brand-700 dark:text-brand-300 ring-brand-600/20 dark:ring-brand-400/30',
  success: 'bg-emerald-50 dark:bg-emerald-950/50 text-emerald-800 dark:text-emerald-200 ring-emerald-600/20 dark:ring-emerald-400/30',
  warning: 'bg-amber-50 dark:bg-amber-950/50 text-amber-800 dark:text-amber-200 ring-amber-600/20 dark:ring-amber-400/30',
  danger: 'bg-red-50 dark:bg-red-950/50 text-red-700 dark:text-red-300 ring-red-600/20 dark:ring-red-400/30',
};

export interface BadgeProps {
  tone?: BadgeTone;
  className?: string;
  children: React.ReactNode;
}

/** A short status label: "Pending", "Expired", "You". For roles use RoleBadge. */
export function Badge({ tone = 'neutral', className = '', children }: BadgeProps) {
  return (
    <span
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[tone]} ${className}`}
    >
      {children}
    </span>
  );
}
