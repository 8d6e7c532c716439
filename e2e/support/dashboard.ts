import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import type { TestAccount } from './sign-in';

/**
 * A Google test account no other test uses: the e2e database lives for the
 * whole run, so fixed emails would meet each other's organizations.
 */
export function uniqueAccount(label: string, name: string): TestAccount {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { email: `${label}-${suffix}@example.com`, name };
}

/** A name (and so a slug) no other test uses. */
export function uniqueName(base: string): string {
  return `${base} ${Math.random().toString(36).slice(2, 7)}`;
}

const SCREENSHOT_DIR = path.join('test-results', 'screenshots');
const WIDTHS = [1280, 375] as const;
const COLOR_SCHEMES = ['light', 'dark'] as const;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
/** axe's rules whose outcome depends on colours (the rest look at structure, the same in both themes). */
const COLOR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * The reviewer's look at a page, in the light and the dark theme (the
 * system's setting, which the theme follows by default): an axe scan of WCAG
 * A/AA rules and axe's best practices (unique landmarks, one main, heading
 * order, colour contrast; in the dark theme the colour rules again) that
 * fails on any finding, whatever its impact, and
 * full-page screenshots at desktop and phone width, attached to the report and
 * kept under test-results/screenshots as <name>-<width>-<scheme>.png.
 */
export async function reviewPage(page: Page, testInfo: TestInfo, name: string) {
  await page.waitForLoadState('networkidle');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const scheme of COLOR_SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await settleTransitions(page);
    // Only colours differ between the themes: the dark pass runs the rules about colour alone, which is much quicker.
    const axe = new AxeBuilder({ page });
    const results = await (scheme === 'light' ? axe.withTags(AXE_TAGS) : axe.withRules(COLOR_RULES)).analyze();
    const violations = results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
    expect(violations, `axe found violations on ${name} (${scheme})`).toEqual([]);

    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      if (width === 375 && scheme === 'light') expect(await cutOffAtViewportEdge(page), `cut off at 375 px on ${name}`).toEqual([]);
      const file = path.join(SCREENSHOT_DIR, `${name}-${width}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      await testInfo.attach(`${name}-${width}-${scheme}`, { path: file, contentType: 'image/png' });
    }
    if (original) await page.setViewportSize(original);
  }
  // Back to Playwright's default for the rest of the story.
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * What sticks out past the left or right edge of the window: the page must
 * not scroll sideways, and nothing may be cut off by the edge, except inside
 * a box that scrolls sideways itself (a tab bar, a wide table).
 */
async function cutOffAtViewportEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    const scrollsSideways = (element: Element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || (box.left >= -1 && box.right <= width + 1)) continue;
      let ancestor = element.parentElement;
      while (ancestor && ancestor !== document.body && !scrollsSideways(ancestor)) ancestor = ancestor.parentElement;
      if (ancestor && ancestor !== document.body) continue;
      found.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}" spans ${Math.round(box.left)}–${Math.round(box.right)} px`);
    }
    return found;
  });
}

/** Waits for colour transitions (a button's hover fade) to end, so axe measures the final colours. */
async function settleTransitions(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished.catch(() => {})),
    ),
  );
}

/** Creates an organization from the onboarding form (or /dashboard?new=1) and waits for its projects page. */
export async function createOrganization(page: Page, name: string): Promise<string> {
  if (!/\/dashboard(\?new=1)?$/.test(page.url())) await page.goto('/dashboard?new=1');
  await page.getByLabel('Organization name').fill(name);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page).toHaveURL(/\/dashboard\/[a-z0-9-]+\/projects$/);
  return new URL(page.url()).pathname.split('/')[2]!;
}

/** Invites `email` from the Members page and returns the accept link shown once. */
export async function invite(page: Page, slug: string, email: string, role: 'member' | 'admin' | 'owner' = 'member'): Promise<string> {
  if (!page.url().endsWith(`/dashboard/${slug}/members`)) await page.goto(`/dashboard/${slug}/members`);
  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a member' });
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Role').selectOption(role);
  await dialog.getByRole('button', { name: 'Create invitation' }).click();
  const created = page.getByRole('dialog', { name: 'Invitation created' });
  const link = await created.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(created).toBeHidden();
  return link;
}
