export interface LabelProps extends React.ComponentPropsWithRef<'label'> {
  /** Adds a visible "(optional)" hint; required fields stay unmarked, since most are. */
  optional?: boolean;
}

export function Label({ optional, className = '', children, ...props }: LabelProps) {
  return (
    <label {...props} className={`block text-sm font-medium text-slate-900 dark:text-slate-100 ${className}`}>
      {children}
      {optional && <span className="ml-1 font-normal text-slate-500 dark:text-slate-400">(optional)</span>}
    </label>
  );
}
