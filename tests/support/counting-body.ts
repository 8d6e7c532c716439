/**
 * A request body that is produced only as the server reads it, and counts
 * what was read: a test can tell "refused after reading 64 KiB" from "read all
 * 50 MB, then refused" without timing anything.
 */
export function countingBody(totalBytes: number, chunkBytes = 16 * 1024) {
  const chunk = new Uint8Array(chunkBytes).fill(0x20); // spaces: valid JSON whitespace
  let produced = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (produced >= totalBytes) return controller.close();
        produced += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    // Nothing is produced ahead of a read.
    { highWaterMark: 0 },
  );
  return { stream, bytesRead: () => produced };
}
