/** Shared look of Input, Textarea and Select, so a form reads as one piece. */
export const controlStyles =
  'block w-full rounded-lg border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-3 text-base text-slate-900 dark:text-slate-100 shadow-sm sm:text-sm ' +
  'placeholder:text-slate-400 dark:placeholder:text-slate-500 ' +
  'focus-visible:border-brand-600 dark:focus-visible:border-brand-400 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-600 dark:focus-visible:outline-brand-400 ' +
  'disabled:cursor-not-allowed disabled:bg-slate-50 dark:disabled:bg-slate-950 disabled:text-slate-500 dark:disabled:text-slate-400 ' +
  'aria-invalid:border-red-600 dark:aria-invalid:border-red-500 aria-invalid:focus-visible:border-red-600 dark:aria-invalid:focus-visible:border-red-500 aria-invalid:focus-visible:outline-red-600 dark:aria-invalid:focus-visible:outline-red-500';
