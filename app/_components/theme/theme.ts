/**
 * The reader's colour theme: their explicit choice, or `system` (the default)
 * to follow the operating system's setting. Kept in a cookie rather than
 * localStorage so the server can render it on <html> and the first paint is
 * already right, without a script that runs before the page.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = 'theme';

/** A year: a choice of colours is not worth asking for again. */
export const THEME_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Anything but a known theme (a missing or tampered cookie) means `system`. */
export function parseTheme(value: string | undefined | null): Theme {
  return THEMES.find((theme) => theme === value) ?? 'system';
}
