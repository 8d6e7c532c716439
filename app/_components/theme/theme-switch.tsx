'use client';

import { useId } from 'react';
import { THEMES, type Theme } from './theme';
import { useTheme } from './theme-provider';

const labels: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

const icons: Record<Theme, React.ReactNode> = {
  system: (
    <path
      fillRule="evenodd"
      d="M2 4.25A2.25 2.25 0 0 1 4.25 2h11.5A2.25 2.25 0 0 1 18 4.25v8.5A2.25 2.25 0 0 1 15.75 15h-3.105a3.501 3.501 0 0 0 1.1 1.677A.75.75 0 0 1 13.26 18H6.74a.75.75 0 0 1-.484-1.323A3.501 3.501 0 0 0 7.355 15H4.25A2.25 2.25 0 0 1 2 12.75v-8.5Zm1.5 0a.75.75 0 0 1 .75-.75h11.5a.75.75 0 0 1 .75.75v7.5a.75.75 0 0 1-.75.75H4.25a.75.75 0 0 1-.75-.75v-7.5Z"
      clipRule="evenodd"
    />
  ),
  light: (
    <path d="M10 2a.75.75 0 0 1 .75.75v1.5a.75.75 0 0 1-1.5 0v-1.5A.75.75 0 0 1 10 2ZM10 15a.75.75 0 0 1 .75.75v1.5a.75.75 0 0 1-1.5 0v-1.5A.75.75 0 0 1 10 15ZM10 7a3 3 0 1 0 0 6 3 3 0 0 0 0-6ZM15.657 5.404a.75.75 0 1 0-1.06-1.06l-1.061 1.06a.75.75 0 0 0 1.06 1.06l1.06-1.06ZM6.464 14.596a.75.75 0 1 0-1.06-1.06l-1.06 1.06a.75.75 0 0 0 1.06 1.06l1.06-1.06ZM18 10a.75.75 0 0 1-.75.75h-1.5a.75.75 0 0 1 0-1.5h1.5A.75.75 0 0 1 18 10ZM5 10a.75.75 0 0 1-.75.75h-1.5a.75.75 0 0 1 0-1.5h1.5A.75.75 0 0 1 5 10ZM14.596 15.657a.75.75 0 0 0 1.06-1.06l-1.06-1.061a.75.75 0 1 0-1.06 1.06l1.06 1.06ZM5.404 6.464a.75.75 0 0 0 1.06-1.06l-1.06-1.06a.75.75 0 1 0-1.061 1.06l1.06 1.06Z" />
  ),
  dark: (
    <path
      fillRule="evenodd"
      d="M7.455 2.004a.75.75 0 0 1 .26.77 7 7 0 0 0 9.958 7.967.75.75 0 0 1 1.067.853A8.5 8.5 0 1 1 6.647 1.921a.75.75 0 0 1 .808.083Z"
      clipRule="evenodd"
    />
  ),
};

/**
 * System, Light or Dark as three radio buttons (arrow keys move between them,
 * as in any radio group), shown as a row of icons with their names for
 * screen readers and as tooltips.
 */
export function ThemeSwitch({ className = '' }: { className?: string }) {
  const { theme, setTheme } = useTheme();
  const name = useId();
  return (
    <fieldset className={`inline-flex rounded-lg bg-slate-100 p-0.5 ring-1 ring-slate-900/5 dark:bg-slate-800 dark:ring-white/10 ${className}`}>
      <legend className="sr-only">Theme</legend>
      {THEMES.map((option) => (
        <label
          key={option}
          title={labels[option]}
          className="relative flex size-7 cursor-pointer items-center justify-center rounded-md text-slate-500 hover:text-slate-900 has-checked:bg-white has-checked:text-slate-900 has-checked:shadow-sm dark:text-slate-400 dark:hover:text-white dark:has-checked:bg-slate-600 dark:has-checked:text-white"
        >
          <input
            type="radio"
            name={name}
            value={option}
            checked={theme === option}
            onChange={() => setTheme(option)}
            className="absolute inset-0 cursor-pointer appearance-none rounded-md"
          />
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="pointer-events-none size-4">
            {icons[option]}
          </svg>
          <span className="sr-only">{labels[option]}</span>
        </label>
      ))}
    </fieldset>
  );
}
