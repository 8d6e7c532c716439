'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** A link to the current organization's Billing page, for messages about the plan's limits. */
export function BillingLink({ children }: { children: React.ReactNode }) {
  const [, dashboard, slug] = usePathname().split('/');
  if (dashboard !== 'dashboard' || !slug) return null;
  return (
    <Link href={`/dashboard/${slug}/billing`} className="font-medium underline underline-offset-2">
      {children}
    </Link>
  );
}
