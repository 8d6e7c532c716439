import Link from 'next/link';
import { Logo } from '@/app/_components/logo';
import { ThemeSwitch } from '@/app/_components/theme/theme-switch';

export default function MarketingLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-slate-200 dark:border-slate-800">
        <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center justify-between px-4 py-4 sm:px-6">
          <Logo />
          <div className="flex items-center gap-2 sm:gap-4">
            <Link href="/pricing" className="rounded-lg px-3 py-2 text-sm font-medium text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800 hover:text-slate-900 dark:hover:text-slate-100">
              Pricing
            </Link>
            <Link
              href="/login"
              className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Sign in
            </Link>
          </div>
        </nav>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
      <footer className="border-t border-slate-200 dark:border-slate-800 bg-slate-50 dark:bg-slate-900">
        <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-8 text-sm text-slate-600 dark:text-slate-400 sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <p>© {new Date().getFullYear()} Tenantry. Open source under the MIT licence.</p>
          <div className="flex flex-wrap items-center gap-x-6 gap-y-4">
          <ul className="flex gap-6">
            <li>
              <Link href="/pricing" className="hover:text-slate-900 dark:hover:text-slate-100">
                Pricing
              </Link>
            </li>
            <li>
              <Link href="/login" className="hover:text-slate-900 dark:hover:text-slate-100">
                Sign in
              </Link>
            </li>
            <li>
              <Link href="/status" className="hover:text-slate-900 dark:hover:text-slate-100">
                Status
              </Link>
            </li>
          </ul>
          <ThemeSwitch />
          </div>
        </div>
      </footer>
    </div>
  );
}
