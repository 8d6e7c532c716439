/**
 * One log line for a request that failed on our side: the request id (which
 * the 500 answer carries too), the method and the path, and what went wrong,
 * but never a query string, an email address, a token or a cookie. Error
 * messages are not trusted to be clean: a failed query's message carries its
 * parameters, and Postgres quotes the value it refused.
 */
export function logFailure(scope: string, error: unknown, context: { requestId?: string; request?: Request } = {}): void {
  const where = [context.requestId && `request ${context.requestId}`, context.request && requestLine(context.request)]
    .filter(Boolean)
    .join(' ');
  console.error(`[${scope}] ${where ? `${where} ` : ''}failed: ${describeError(error)}`);
}

function requestLine(request: Request): string {
  try {
    return `${request.method} ${new URL(request.url).pathname}`;
  } catch {
    return request.method;
  }
}

const MAX_CAUSES = 4;
const STACK_FRAMES = 6;

/** The error, its causes and where it was thrown, with anything personal or secret taken out. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(`${current.name}${typeof code === 'string' ? ` ${code}` : ''}: ${redact(current.message)}`);
      current = current.cause;
    } else {
      parts.push(redact(String(current)));
      break;
    }
  }
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')) : [];
  return [parts.join(' <- caused by '), ...frames.slice(0, STACK_FRAMES).map(redact)].join('\n');
}

/** Removes what must never reach a log: query parameters, email addresses, tokens, cookies, URL query strings. */
export function redact(text: string): string {
  return (
    text
      // Drizzle: "Failed query: <sql>\nparams: <values>": the values are the caller's data.
      .replace(/\bparams:[\s\S]*$/, 'params: [redacted]')
      .replace(/(https?:\/\/[^\s?#"'<>]+)\?[^\s"'<>]*/g, '$1?[redacted]')
      .replace(/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[token]')
      .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, '$1 [token]')
      .replace(/\bsb-[\w-]+-auth-token(\.\d+)?=[^;\s]*/g, 'sb-auth-token=[cookie]')
      .replace(/[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+/g, '[email]')
  );
}
