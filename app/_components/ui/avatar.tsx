'use client';

import { useEffect, useRef, useState } from 'react';

const sizes = { sm: 'size-6 text-[0.625rem]', md: 'size-8 text-xs', lg: 'size-12 text-base', xl: 'size-16 text-xl' } as const;

// Dark enough for white initials to pass WCAG AA contrast.
const colours = ['bg-brand-600', 'bg-emerald-700', 'bg-amber-700', 'bg-rose-700', 'bg-sky-700', 'bg-violet-700'];

export interface AvatarProps {
  /** The picture, from any host (a plain <img>, so no next/image domain list to keep). */
  src?: string | null;
  /** Used for the initials and, when `alt` is not given, nothing else: beside a visible name the picture is decorative. */
  name?: string | null;
  /** Fallback for initials when there is no name. */
  email?: string | null;
  /** Set when the avatar stands alone (a user menu button without a visible name). */
  alt?: string;
  size?: keyof typeof sizes;
  className?: string;
}

export function Avatar({ src, name, email, alt, size = 'md', className = '' }: AvatarProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const imageRef = useRef<HTMLImageElement>(null);
  const label = name?.trim() || email?.trim() || '';

  // An image that failed before hydration fired its error event before React listened.
  useEffect(() => {
    const image = imageRef.current;
    if (image && src && image.complete && image.naturalWidth === 0) setFailedSrc(src);
  }, [src]);

  const shape = `inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full ${sizes[size]} ${className}`;

  if (src && failedSrc !== src) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- avatars come from any host; see the prop doc.
      <img
        ref={imageRef}
        src={src}
        alt={alt ?? ''}
        // Google's avatar host refuses some requests that carry a Referer.
        referrerPolicy="no-referrer"
        decoding="async"
        onError={() => setFailedSrc(src)}
        className={`${shape} bg-slate-100 dark:bg-slate-800 object-cover`}
      />
    );
  }

  return (
    <span
      role={alt ? 'img' : undefined}
      aria-label={alt || undefined}
      aria-hidden={alt ? undefined : true}
      className={`${shape} font-semibold text-white ${colours[hash(label) % colours.length]}`}
    >
      {initials(label)}
    </span>
  );
}

function initials(label: string): string {
  const words = label.replace(/@.*/, '').split(/[\s._-]+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return letters.map((word) => Array.from(word ?? '')[0]?.toUpperCase() ?? '').join('') || '?';
}

function hash(text: string): number {
  let value = 0;
  for (const character of text) value = (value * 31 + character.charCodeAt(0)) >>> 0;
  return value;
}
