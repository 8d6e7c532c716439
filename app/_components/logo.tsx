import Link from 'next/link';

export function Logo() {
  return (
    <Link href="/" className="flex items-center gap-2 rounded-md font-semibold tracking-tight text-slate-900 dark:text-slate-100">
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7">
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <path d="M8 11h16M16 11v13M11 17h10" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <span className="text-lg">Tenantry</span>
    </Link>
  );
}
