import 'server-only';
import { env } from '@/lib/env';
import { renderEmail, type RenderedEmail } from './render-email';
import { EMAIL_KINDS, type EmailKind } from './templates/contents';

/** Every template with sample data, for the local preview at /dev/emails; nothing outside local mode. */
export async function previewEmail(kind: string): Promise<RenderedEmail | null> {
  if (!env().LOCAL_MODE || !(EMAIL_KINDS as readonly string[]).includes(kind)) return null;
  const siteUrl = env().NEXT_PUBLIC_SITE_URL;
  return renderEmail({
    kind: kind as EmailKind,
    siteUrl,
    acceptUrl: `${siteUrl}/invite/preview-token-not-valid-anywhere`,
    toEmail: 'ada@example.com',
    payload: {
      organization_name: 'Acme',
      organization_slug: 'acme',
      actor_name: 'Olivia Owner',
      inviter_email: 'olivia@example.com',
      role: 'admin',
      previous_role: 'member',
      expires_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      member_email: 'new.hire@example.com',
      plan: 'pro',
    },
  });
}

export { EMAIL_KINDS };
