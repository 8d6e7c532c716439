'use client';

import { useEffect } from 'react';

/**
 * Drops `?checkout_session=…` from the address once the page has thanked the
 * buyer, so a reload (or a bookmark) shows the billing page, not the thanks
 * again. The native replaceState keeps this render (and its banner) as it is;
 * Next's router follows it. Running twice (React's dev-mode effects) is harmless.
 */
export function ForgetCheckoutReturn({ pathname }: { pathname: string }) {
  useEffect(() => {
    window.history.replaceState(window.history.state, '', pathname);
  }, [pathname]);
  return null;
}
