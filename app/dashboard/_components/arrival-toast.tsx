'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useToast } from '@/app/_components/ui/toast';

/**
 * A redirect arrived with a one-time query flag (`?joined`, `?renamed`): say
 * what happened once, and tidy the URL so a reload does not say it again.
 */
export function ArrivalToast({ title, description }: { title: string; description?: string }) {
  const toast = useToast();
  const pathname = usePathname();
  // Development mode runs effects twice; the toast must still show once.
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current) return;
    shown.current = true;
    toast.success(title, description);
    // The History API, not router.replace: the page is already here, so there is nothing to fetch again.
    window.history.replaceState(null, '', pathname);
  }, [toast, pathname, title, description]);
  return null;
}
