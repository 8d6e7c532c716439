import { notFound } from 'next/navigation';
import { previewEmail } from '@/lib/email/preview';

export const dynamic = 'force-dynamic';

/** Local mode only: one email as its recipient sees it; `?part=text` for the plain-text part. */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const email = await previewEmail((await params).kind);
  if (!email) notFound();
  const asText = new URL(request.url).searchParams.get('part') === 'text';
  return new Response(asText ? `Subject: ${email.subject}\n\n${email.text}` : email.html, {
    headers: { 'content-type': `${asText ? 'text/plain' : 'text/html'}; charset=utf-8`, 'cache-control': 'no-store' },
  });
}
