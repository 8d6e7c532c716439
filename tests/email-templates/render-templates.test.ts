import { describe, expect, it } from 'vitest';
import { renderEmail } from '@/lib/email/render-email';
import { EMAIL_KINDS, SAMPLE_PAYLOAD } from '@/lib/email/templates/contents';

const SITE = 'https://app.example.com';
const payload = SAMPLE_PAYLOAD;

function links(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!.replaceAll('&amp;', '&'));
}

describe('email templates', () => {
  it.each(EMAIL_KINDS)('%s renders HTML and plain text, with every link on the site', async (kind) => {
    const email = await renderEmail({ kind, payload, siteUrl: SITE, acceptUrl: `${SITE}/invite/tok_abc`, toEmail: 'to@example.com' });
    expect(email.subject).toMatch(/Acme/);
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.text).not.toMatch(/<[a-z]/i);
    expect(email.text).toContain('Acme');
    const hrefs = links(email.html);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href).toMatch(/^https:\/\/app\.example\.com\/(dashboard|invite)(\/[a-z0-9_-]+)*$/);
      expect(email.text).toContain(href);
    }
  });

  it('an invitation shows the organization, the inviter, the role, the expiry and the accept link', async () => {
    const email = await renderEmail({ kind: 'invitation', payload, siteUrl: SITE, acceptUrl: `${SITE}/invite/tok_abc`, toEmail: 'to@example.com' });
    expect(email.subject).toBe('Olivia Owner invited you to Acme on Tenantry');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Olivia Owner (olivia@example.com) invited you to join Acme as an admin.');
      expect(part).toContain('January 8, 2030');
      expect(part).toContain(`${SITE}/invite/tok_abc`);
    }
  });

  it('an invitation whose token is not at hand sends the addressee to the dashboard, which lists it', async () => {
    const email = await renderEmail({ kind: 'invitation', payload, siteUrl: SITE, acceptUrl: null, toEmail: 'to@example.com' });
    expect(links(email.html)).toContain(`${SITE}/dashboard`);
    expect(email.html).not.toContain('/invite/');
  });

  it('escapes names users chose, so they cannot add markup or links to the email', async () => {
    const hostile = { ...payload, organization_name: '<a href="https://evil.example">Win</a>', actor_name: '<script>alert(1)</script>' };
    for (const kind of EMAIL_KINDS) {
      const email = await renderEmail({ kind, payload: hostile, siteUrl: SITE, acceptUrl: `${SITE}/invite/tok`, toEmail: 'to@example.com' });
      expect(email.html).not.toContain('<script>');
      expect(email.html).not.toContain('href="https://evil.example"');
      expect(links(email.html).every((href) => href.startsWith(SITE))).toBe(true);
    }
  });
});
