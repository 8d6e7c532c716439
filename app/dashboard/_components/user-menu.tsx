'use client';

import Link from 'next/link';
import { ThemeSwitch } from '@/app/_components/theme/theme-switch';
import { Avatar } from '@/app/_components/ui/avatar';
import { signOut } from '../actions';
import { MenuPopover, menuItemStyles } from './menu-popover';

export interface UserMenuProps {
  user: { name: string | null; email: string | null; avatar_url: string | null };
}

export function UserMenu({ user }: UserMenuProps) {
  const label = user.name || user.email || 'Your account';
  return (
    <MenuPopover
      align="right"
      triggerLabel={`Account menu for ${label}`}
      triggerClassName="p-1 hover:bg-slate-100 dark:hover:bg-slate-800"
      trigger={<Avatar src={user.avatar_url} name={user.name} email={user.email} size="md" />}
    >
      <div className="border-b border-slate-200 dark:border-slate-800 px-3 pt-2 pb-3">
        <p className="truncate text-sm font-medium text-slate-900 dark:text-slate-100">{label}</p>
        {user.name && user.email && <p className="truncate text-sm text-slate-600 dark:text-slate-400">{user.email}</p>}
      </div>
      <ul className="pt-1.5">
        <li>
          <Link href="/account" className={menuItemStyles}>
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5 text-slate-400 dark:text-slate-500">
              <path d="M10 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM3.465 14.493a1.23 1.23 0 0 0 .41 1.412A9.957 9.957 0 0 0 10 18c2.31 0 4.438-.784 6.131-2.1.43-.333.604-.903.408-1.41a7.002 7.002 0 0 0-13.074.003Z" />
            </svg>
            Account
          </Link>
        </li>
        <li>
          <form action={signOut}>
            <button type="submit" className={menuItemStyles}>
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5 text-slate-400 dark:text-slate-500">
                <path
                  fillRule="evenodd"
                  d="M3 4.25A2.25 2.25 0 0 1 5.25 2h5.5A2.25 2.25 0 0 1 13 4.25v2a.75.75 0 0 1-1.5 0v-2a.75.75 0 0 0-.75-.75h-5.5a.75.75 0 0 0-.75.75v11.5c0 .414.336.75.75.75h5.5a.75.75 0 0 0 .75-.75v-2a.75.75 0 0 1 1.5 0v2A2.25 2.25 0 0 1 10.75 18h-5.5A2.25 2.25 0 0 1 3 15.75V4.25Z"
                  clipRule="evenodd"
                />
                <path
                  fillRule="evenodd"
                  d="M6 10a.75.75 0 0 1 .75-.75h9.546l-1.048-.943a.75.75 0 1 1 1.004-1.114l2.5 2.25a.75.75 0 0 1 0 1.114l-2.5 2.25a.75.75 0 1 1-1.004-1.114l1.048-.943H6.75A.75.75 0 0 1 6 10Z"
                  clipRule="evenodd"
                />
              </svg>
              Sign out
            </button>
          </form>
        </li>
      </ul>
      <div className="mt-1.5 flex items-center justify-between gap-3 border-t border-slate-200 px-3 pt-2.5 pb-1.5 text-sm text-slate-700 dark:border-slate-800 dark:text-slate-300">
        <span aria-hidden="true">Theme</span>
        <ThemeSwitch />
      </div>
    </MenuPopover>
  );
}
