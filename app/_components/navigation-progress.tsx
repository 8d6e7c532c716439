'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useState, useSyncExternalStore } from 'react';

// Skeletons on screen (loading.tsx): the URL has changed but the page is still on its way.
let skeletonsShown = 0;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Rendered by a loading skeleton: keeps the top bar running until the page replaces it. */
export function KeepsNavigationProgress() {
  useEffect(() => {
    skeletonsShown += 1;
    notify();
    return () => {
      skeletonsShown -= 1;
      notify();
    };
  }, []);
  return null;
}

/**
 * A thin bar along the top while a link's page loads, so a slow page never
 * looks like a dead click. The App Router has no navigation events: a click on
 * a same-site link starts the bar; the new page (not a loading skeleton)
 * arriving in <main> ends it.
 */
export function NavigationProgress() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const url = `${pathname}?${searchParams.toString()}`;
  const [clickedFrom, setClickedFrom] = useState<string | null>(null);
  const isSkeletonShown = useSyncExternalStore(subscribe, () => skeletonsShown > 0, () => false);

  // The router may show the new URL before the page: with no loading state
  // fetched yet, <main> stays empty until the server answers. End the bar
  // when the URL has changed and <main> has something in it.
  useEffect(() => {
    if (clickedFrom === null || clickedFrom === url) return;
    const main = document.getElementById('main');
    const endIfArrived = () => {
      if (!main || main.childElementCount > 0) setClickedFrom(null);
    };
    const observer = new MutationObserver(endIfArrived);
    if (main) observer.observe(main, { childList: true });
    const frame = requestAnimationFrame(endIfArrived);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [clickedFrom, url]);

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
      const target = new URL(link.href, window.location.href);
      const here = new URL(window.location.href);
      if (target.origin !== here.origin || (target.pathname === here.pathname && target.search === here.search)) return;
      setClickedFrom(`${here.pathname}?${here.searchParams.toString()}`);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);

  if (clickedFrom === null && !isSkeletonShown) return null;
  return (
    <div role="progressbar" aria-label="Loading the page" className="fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden bg-brand-100 dark:bg-brand-900">
      <div className="h-full w-1/3 bg-brand-600 motion-safe:animate-[navigation-progress_1.2s_ease-in-out_infinite]" />
    </div>
  );
}
