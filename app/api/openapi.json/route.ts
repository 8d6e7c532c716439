import { env } from '@/lib/env';
import { buildOpenApiDocument } from '@/lib/openapi/document';

export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json(buildOpenApiDocument(env().NEXT_PUBLIC_SITE_URL), {
    headers: { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
  });
}
