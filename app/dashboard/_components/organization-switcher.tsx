'use client';

import Link from 'next/link';
import { RoleBadge, type MemberRole } from '@/app/_components/ui/role-badge';
import { MenuPopover, menuItemStyles } from './menu-popover';

export interface OrganizationSwitcherProps {
  current: { slug: string; name: string; role: MemberRole };
  organizations: { slug: string; name: string; role: MemberRole }[];
}

export function OrganizationSwitcher({ current, organizations }: OrganizationSwitcherProps) {
  return (
    <MenuPopover
      triggerLabel={`Organization: ${current.name}. Switch organization`}
      triggerClassName="min-w-0 max-w-[11rem] px-2 py-1.5 text-sm font-semibold text-slate-900 dark:text-slate-100 hover:bg-slate-100 dark:hover:bg-slate-800 sm:max-w-xs"
      trigger={
        <>
          <span className="truncate">{current.name}</span>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-slate-500 dark:text-slate-400">
            <path
              fillRule="evenodd"
              d="M10.53 3.47a.75.75 0 0 0-1.06 0L6.22 6.72a.75.75 0 0 0 1.06 1.06L10 5.06l2.72 2.72a.75.75 0 1 0 1.06-1.06l-3.25-3.25Zm-4.31 9.81 3.25 3.25a.75.75 0 0 0 1.06 0l3.25-3.25a.75.75 0 1 0-1.06-1.06L10 14.94l-2.72-2.72a.75.75 0 0 0-1.06 1.06Z"
              clipRule="evenodd"
            />
          </svg>
        </>
      }
    >
      <p className="px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 dark:text-slate-400 uppercase">Your organizations</p>
      <ul>
        {organizations.map((organization) => (
          <li key={organization.slug}>
            <Link
              href={`/dashboard/${organization.slug}/projects`}
              aria-current={organization.slug === current.slug ? 'page' : undefined}
              className={`${menuItemStyles} justify-between aria-[current=page]:bg-brand-50 dark:aria-[current=page]:bg-brand-950`}
            >
              <span className="truncate">{organization.name}</span>
              <RoleBadge role={organization.role} />
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-1.5 border-t border-slate-200 dark:border-slate-800 pt-1.5">
        <Link href="/dashboard?new=1" className={menuItemStyles}>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5 text-slate-400 dark:text-slate-500">
            <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
          </svg>
          Create organization
        </Link>
      </div>
    </MenuPopover>
  );
}
