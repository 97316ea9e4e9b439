/**
 * Decodes `a=1&b=2` as a query string or a form body. `+` is a space (form semantics; every client
 * that means a literal plus sends `%2B`), a bad `%` escape is kept literally rather than failing.
 */
export function parseParams(text: string, into: Record<string, string> = {}): Record<string, string> {
  if (!text) return into;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    into[name] = value;
  }
  return into;
}

function decode(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Splits `/path?query` without the cost of a full URL parse. */
export function splitUrl(url: string): { pathname: string; query: string } {
  const q = url.indexOf('?');
  return q < 0 ? { pathname: url, query: '' } : { pathname: url.slice(0, q), query: url.slice(q + 1) };
}
