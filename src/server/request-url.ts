import type { IncomingMessage } from 'node:http';

/**
 * The request target as a URL, or undefined when it cannot be parsed. Never throws: a request
 * line like `GET //[ HTTP/1.1` must get a 400, not crash the host.
 */
export function requestUrl(req: IncomingMessage): URL | undefined {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return undefined;
  try {
    return new URL(`http://localhost${target}`);
  } catch {
    return undefined;
  }
}
