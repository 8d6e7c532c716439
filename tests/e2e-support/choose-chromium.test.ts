import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseChromium, HOW_TO_GET_CHROMIUM } from '../../e2e/support/chromium';

// Real files in a temporary directory stand for the browsers a laptop may or may not have.
const dir = mkdtempSync(path.join(tmpdir(), 'tenantry-chromium-'));
const present = (name: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, '');
  return file;
};
const absent = (name: string) => path.join(dir, 'absent', name);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the browser tests find a Chromium', () => {
  it('on a fresh laptop with Playwright\'s own Chromium installed, they use it', () => {
    expect(chooseChromium({ playwrightPath: present('playwright-chrome'), debianPath: absent('chromium') })).toEqual({ kind: 'playwright' });
  });

  it('without it, Debian\'s Chromium (what CI installs)', () => {
    const debian = present('debian-chromium');
    expect(chooseChromium({ playwrightPath: absent('chrome'), debianPath: debian })).toEqual({ kind: 'executable', path: debian });
  });

  it('CHROMIUM_PATH wins when it is set and exists', () => {
    const custom = present('custom-chrome');
    expect(chooseChromium({ chromiumPath: custom, playwrightPath: present('pw'), debianPath: present('deb') })).toEqual({
      kind: 'executable',
      path: custom,
    });
  });

  it('with none of them, stops with one line saying how to get one', () => {
    const choice = chooseChromium({ playwrightPath: absent('chrome'), debianPath: absent('chromium') });
    expect(choice).toEqual({ kind: 'missing', message: HOW_TO_GET_CHROMIUM });
    expect(HOW_TO_GET_CHROMIUM).toContain('npx playwright install chromium');
    expect(HOW_TO_GET_CHROMIUM).not.toContain('\n');
  });

  it('a CHROMIUM_PATH that does not exist is named, not silently replaced', () => {
    const choice = chooseChromium({ chromiumPath: absent('typo'), playwrightPath: present('pw2') });
    expect(choice.kind).toBe('missing');
    expect(choice.kind === 'missing' && choice.message).toContain(absent('typo'));
  });
});
