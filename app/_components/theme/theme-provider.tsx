'use client';

import { createContext, use, useCallback, useMemo, useState } from 'react';
import { THEME_COOKIE, THEME_COOKIE_MAX_AGE, type Theme } from './theme';

interface ThemeApi {
  theme: Theme;
  setTheme: (theme: Theme) => void;
}

const ThemeContext = createContext<ThemeApi | null>(null);

/** Holds the theme the server rendered (from the cookie) and changes it without a reload. */
export function ThemeProvider({ initialTheme, children }: { initialTheme: Theme; children: React.ReactNode }) {
  const [theme, setThemeState] = useState(initialTheme);
  const setTheme = useCallback((next: Theme) => {
    // <html data-theme> drives the `dark:` variant (app/globals.css); the cookie
    // makes the next page arrive in the same theme.
    document.documentElement.dataset.theme = next;
    document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=${THEME_COOKIE_MAX_AGE}; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
    setThemeState(next);
  }, []);
  const api = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext value={api}>{children}</ThemeContext>;
}

export function useTheme(): ThemeApi {
  const api = use(ThemeContext);
  if (!api) throw new Error('useTheme() needs the <ThemeProvider> of app/layout.tsx above it.');
  return api;
}
