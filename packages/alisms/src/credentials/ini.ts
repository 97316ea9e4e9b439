/**
 * A reader for `~/.alibabacloud/credentials`: `[section]` headers and `key = value` lines; `;` and `#`
 * start comments (at the start of a line, or after whitespace in an unquoted value); values may be quoted.
 * Returns sections by name; keys outside any section are dropped.
 */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[([^\]]*)\]\s*(?:[;#].*)?$/.exec(line);
    if (header) {
      const name = (header[1] ?? '').trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || !current) continue;
    current.set(line.slice(0, eq).trim(), iniValue(line.slice(eq + 1).trim()));
  }
  return sections;
}

function iniValue(raw: string): string {
  const quoted = /^(["'])(.*)\1\s*(?:[;#].*)?$/.exec(raw);
  if (quoted) return quoted[2] ?? '';
  return raw.replace(/\s+[;#].*$/, '').trim();
}
