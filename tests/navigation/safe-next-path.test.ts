import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@/lib/navigation/safe-next-path';

describe('the post-sign-in redirect', () => {
  it.each([
    ['/dashboard/acme/projects', '/dashboard/acme/projects'],
    ['/invite/abc?x=1#top', '/invite/abc?x=1#top'],
    ['/', '/'],
  ])('keeps a path on this site: %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/dashboard'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a tab that URL parsers strip', '/\t/evil.example'],
    ['a newline that URL parsers strip', '/\n/evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path without a leading slash', 'evil.example'],
    ['an empty value', ''],
    ['nothing', null],
    ['a dot segment before a protocol-relative URL', '/.//evil.example'],
    ['two dot segments before a protocol-relative URL', '/..//evil.example'],
    ['dot segments deeper in the path', '/a/..//evil.example'],
    ['an encoded dot segment', '/%2e//evil.example'],
    ['an encoded double dot segment', '/%2E%2E//evil.example'],
    ['a dot segment before a backslash', '/./\\evil.example'],
    ['a dot segment before a tab', '/./\t/evil.example'],
    ['a carriage return', '/\r//evil.example'],
    ['a NUL character', '/\u0000//evil.example'],
    ['a DEL character', '/\u007f//evil.example'],
    ['a dot segment with a query', '/.//evil.example?x=1'],
  ])('falls back to /dashboard for %s', (_, next) => {
    expect(safeNextPath(next)).toBe('/dashboard');
  });

  it('keeps encoded slashes as a harmless path on this site', () => {
    // Location: /%2F%2Fevil.example is a path here; browsers do not decode it into a host.
    expect(safeNextPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  it('never returns anything that resolves off-site', () => {
    for (const next of [
      '//evil.example',
      '/\\/evil.example',
      '/%5C%5Cevil.example',
      '///evil.example',
      '/.//evil.example',
      '/./%2F/evil.example',
      '/%2e%2e/%2e//evil.example',
      '/x/../..//evil.example',
      '/.///evil.example',
    ]) {
      const resolved = new URL(safeNextPath(next), 'http://localhost:3000');
      expect(resolved.origin).toBe('http://localhost:3000');
    }
  });
});
