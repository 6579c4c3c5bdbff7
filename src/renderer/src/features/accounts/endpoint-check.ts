/**
 * A quick check of a custom base URL before it is sent (the core checks again): the scheme the
 * field takes, and no query, fragment or user name. Returns the problem, or null.
 */
export function endpointProblem(value: string, schemes: readonly ('http:' | 'https:' | 'ws:' | 'wss:')[]): string | null {
  const text = value.trim();
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `Not a URL: expected ${schemes.map((s) => `${s}//…`).join(' or ')}`;
  }
  if (!(schemes as readonly string[]).includes(url.protocol)) return `Expected ${schemes.map((s) => `${s}//`).join(' or ')}, not ${url.protocol}//`;
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') return 'A base URL only: no query, fragment or user name';
  return null;
}
