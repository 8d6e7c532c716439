import 'server-only';
import { env } from '@/lib/env';
import { renderEmail, type RenderedEmail } from './render-email';
import { EMAIL_KINDS, SAMPLE_PAYLOAD, type EmailKind } from './templates/contents';

/** Every template with sample data, for the local preview at /dev/emails; nothing outside local mode. */
export async function previewEmail(kind: string): Promise<RenderedEmail | null> {
  if (!env().LOCAL_MODE || !(EMAIL_KINDS as readonly string[]).includes(kind)) return null;
  const siteUrl = env().NEXT_PUBLIC_SITE_URL;
  return renderEmail({
    kind: kind as EmailKind,
    siteUrl,
    acceptUrl: `${siteUrl}/invite/preview-token-not-valid-anywhere`,
    toEmail: 'ada@example.com',
    payload: SAMPLE_PAYLOAD,
  });
}

export { EMAIL_KINDS };
