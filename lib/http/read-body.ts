import { AppError } from './app-error';

/**
 * Reads a request body as bytes and stops at `maxBytes`: a larger body is
 * answered 413 after at most `maxBytes` of it were read, whether its size was
 * declared (Content-Length, checked before reading anything) or not (a
 * chunked body, which only the count of bytes read so far can judge).
 */
export async function readBodyWithLimit(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= maxBytes)) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Tells the server to stop receiving; what is already here is dropped.
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(): AppError {
  return new AppError('payload_too_large', 'The body is too large.');
}
