import { Logo } from '@/app/_components/logo';
import { UserMenu, type UserMenuProps } from './user-menu';

export interface AppHeaderProps {
  user: UserMenuProps['user'];
  /** Beside the logo: the organization switcher. */
  children?: React.ReactNode;
  /** Under the top row: the organization's tabs. */
  navigation?: React.ReactNode;
}

/** The top bar of every signed-in page. */
export function AppHeader({ user, children, navigation }: AppHeaderProps) {
  return (
    <header className="border-b border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:gap-3 sm:px-6">
        {/* On a phone the mark alone, so the organization's name has room. */}
        <div className="shrink-0 [&_span]:sr-only sm:[&_span]:not-sr-only">
          <Logo />
        </div>
        {children && (
          <>
            <span aria-hidden="true" className="text-slate-300 dark:text-slate-600">
              /
            </span>
            <div className="min-w-0">{children}</div>
          </>
        )}
        <div className="ml-auto shrink-0">
          <UserMenu user={user} />
        </div>
      </div>
      {navigation && <div className="mx-auto max-w-6xl px-2 sm:px-4">{navigation}</div>}
    </header>
  );
}
