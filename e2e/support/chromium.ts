import { existsSync } from 'node:fs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const HOW_TO_GET_CHROMIUM =
  'No Chromium for the browser tests: run `npx playwright install chromium` (or install Debian\'s chromium, or set CHROMIUM_PATH to a Chromium or Chrome binary).';

export type ChromiumChoice =
  | { kind: 'playwright' } // Playwright's own download: let Playwright pick it (and its headless shell)
  | { kind: 'executable'; path: string }
  | { kind: 'missing'; message: string };

/**
 * Which Chromium the browser tests drive: CHROMIUM_PATH when it is set (and
 * exists), else Playwright's own when `npx playwright install chromium` put it
 * there, else Debian's (what CI installs), else none, with one line saying how
 * to get one.
 */
export function chooseChromium(candidates: { chromiumPath?: string; playwrightPath: string; debianPath?: string }): ChromiumChoice {
  const { chromiumPath, playwrightPath, debianPath = DEBIAN_CHROMIUM } = candidates;
  if (chromiumPath) {
    return existsSync(chromiumPath)
      ? { kind: 'executable', path: chromiumPath }
      : { kind: 'missing', message: `CHROMIUM_PATH is ${chromiumPath}, which does not exist. ${HOW_TO_GET_CHROMIUM}` };
  }
  if (existsSync(playwrightPath)) return { kind: 'playwright' };
  if (existsSync(debianPath)) return { kind: 'executable', path: debianPath };
  return { kind: 'missing', message: HOW_TO_GET_CHROMIUM };
}
