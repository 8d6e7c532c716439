'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface OrganizationNavProps {
  items: { href: string; label: string }[];
}

/** The organization's sections as tabs; scrolls sideways on a phone rather than wrapping. */
export function OrganizationNav({ items }: OrganizationNavProps) {
  const pathname = usePathname();
  return (
    <nav aria-label="Organization" className="-mb-px overflow-x-auto">
      <ul className="flex gap-1">
        {items.map((item) => {
          const isCurrent = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={isCurrent ? 'page' : undefined}
                className="inline-flex h-11 items-center border-b-2 border-transparent px-3 text-sm font-medium whitespace-nowrap text-slate-600 hover:border-slate-300 hover:text-slate-900 focus-visible:outline-offset-[-2px] aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700"
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
