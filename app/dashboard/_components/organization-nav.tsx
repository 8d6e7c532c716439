'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

export interface OrganizationNavProps {
  items: { href: string; label: string }[];
}

/**
 * The organization's sections as tabs. On a phone they do not fit: the row
 * scrolls sideways (never wraps or gets cut off), its end fades out to show
 * there is more, and the current tab is scrolled into view.
 */
export function OrganizationNav({ items }: OrganizationNavProps) {
  const pathname = usePathname();
  const currentRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const current = currentRef.current;
    const row = current?.closest('nav');
    if (!current || !row) return;
    // Only the row scrolls (scrollIntoView could move the page too).
    const overflowsLeft = current.offsetLeft < row.scrollLeft;
    const overflowsRight = current.offsetLeft + current.offsetWidth > row.scrollLeft + row.clientWidth;
    if (overflowsLeft || overflowsRight) row.scrollLeft = current.offsetLeft - (row.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);

  return (
    <nav
      aria-label="Organization"
      className="-mb-px overflow-x-auto [scrollbar-width:thin] max-sm:mask-r-from-[calc(100%-2rem)]"
    >
      {/* The end padding lets the last tab scroll clear of the fade. */}
      <ul className="flex w-max gap-1 max-sm:pr-8">
        {items.map((item) => {
          const isCurrent = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                ref={isCurrent ? currentRef : undefined}
                href={item.href}
                aria-current={isCurrent ? 'page' : undefined}
                className="inline-flex h-11 items-center border-b-2 border-transparent px-3 text-sm font-medium whitespace-nowrap text-slate-600 hover:border-slate-300 hover:text-slate-900 focus-visible:outline-offset-[-2px] aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700 dark:text-slate-400 dark:hover:border-slate-700 dark:hover:text-slate-100 dark:aria-[current=page]:border-brand-400 dark:aria-[current=page]:text-brand-300"
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
