'use client';

import { useEffect } from 'react';
import { LAST_ORGANIZATION_COOKIE } from '../_lib/last-organization';

/** Remembers the organization on screen, so /dashboard opens it next time. */
export function RememberOrganization({ slug }: { slug: string }) {
  useEffect(() => {
    document.cookie = `${LAST_ORGANIZATION_COOKIE}=${encodeURIComponent(slug)}; path=/; max-age=31536000; samesite=lax`;
  }, [slug]);
  return null;
}
