'use client';

import { useRouter } from 'next/navigation';
import { createContext, use, useEffect } from 'react';

const LayoutRoleContext = createContext<string | null>(null);

/** The role the organization's layout drew its tabs for. */
export function LayoutRole({ role, children }: { role: string; children: React.ReactNode }) {
  return <LayoutRoleContext value={role}>{children}</LayoutRoleContext>;
}

/**
 * A client-side navigation renders the new page but keeps the layout, so
 * after someone changes this user's role the tabs would still be the old
 * role's. Each page reports the role it was rendered for; when that differs
 * from the layout's, the whole tree is fetched again.
 */
export function RoleSync({ role }: { role: string }) {
  const layoutRole = use(LayoutRoleContext);
  const router = useRouter();
  useEffect(() => {
    if (layoutRole !== null && layoutRole !== role) router.refresh();
  }, [layoutRole, role, router]);
  return null;
}
