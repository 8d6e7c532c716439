'use client';

import { controlStyles } from './control-styles';
import { useFieldControlProps } from './field-context';

export type SelectProps = React.ComponentPropsWithRef<'select'>;

/**
 * A native select (keyboard and screen-reader support for free) with our chevron.
 * `className` sizes the wrapper, such as `w-36` for a role picker in a table row.
 */
export function Select({ className = '', children, ...props }: SelectProps) {
  const controlProps = useFieldControlProps(props);
  return (
    <div className={`relative ${className}`}>
      <select {...controlProps} className={`${controlStyles} h-10 appearance-none pr-9`}>
        {children}
      </select>
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        fill="currentColor"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-slate-500 dark:text-slate-400"
      >
        <path
          fillRule="evenodd"
          d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z"
          clipRule="evenodd"
        />
      </svg>
    </div>
  );
}
