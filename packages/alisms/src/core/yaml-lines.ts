/**
 * The SDK's one YAML reader, for the small YAML of its config files: `key: value` lines with plain,
 * 'single' or "double" quoted scalars, `#` comments, indentation, a BOM and CRLF. The SDK loads no
 * third-party module, and its files need nothing more. It tells each line apart and reads its scalar;
 * what to make of the lines is the caller's: `alisms.yaml` (credentials) keeps the flat top level and
 * skips the rest, the facade's `parseConfig` reads one level of sections and refuses the rest.
 */

/** The value after `key:`. */
export type YamlScalar =
  /** A plain or quoted string, comments removed and quotes undone. Plain `null`, `true`, `3` stay text. */
  | { style: 'plain' | 'quoted'; text: string }
  /** A flow collection, anchor, alias, tag or block scalar (`[`, `{`, `&`, `*`, `!`, `|`, `>`): not read. */
  | { style: 'complex' };

interface LineBase {
  /** 1-based line number. */
  line: number;
  /** Leading whitespace, in characters. */
  indent: number;
  /** Whether the indentation holds a tab (YAML forbids it). */
  tabIndent: boolean;
}

/** One meaningful line. Blank lines, comments, `---`, `...` and `%` directives are left out. */
export type YamlLine =
  /** `key: value`, or `key:` with nothing after it (`value` undefined: null, or a nested block follows). */
  | (LineBase & { kind: 'pair'; key: string; value: YamlScalar | undefined })
  /** `- item`: a list entry, not read. */
  | (LineBase & { kind: 'item' })
  /** A line that is not `key: value`, or whose quoted scalar is unterminated or has an unknown escape. */
  | (LineBase & { kind: 'bad'; problem: 'not-a-pair' | 'bad-quote' });

// A quoted key, or a plain key that does not start with a YAML indicator; then `:` and a space or the end.
const KEY_LINE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\]|>&*!%@`,?:-][^#]*?)\s*:(?:\s+(.*))?$/;

/**
 * Splits YAML text into its meaningful lines, each with its key and scalar read. Never throws, and a
 * result never holds the text of a bad line (config files hold secrets): callers report line numbers.
 *
 * @example
 * scanYamlLines("region_id: 'cn-hangzhou' # default")[0];
 * // { kind: 'pair', line: 1, indent: 0, tabIndent: false, key: 'region_id', value: { style: 'quoted', text: 'cn-hangzhou' } }
 */
export function scanYamlLines(text: string): YamlLine[] {
  const out: YamlLine[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const base = { line: index + 1, indent, tabIndent: raw.slice(0, indent).includes('\t') };
    if (indent === 0 && (trimmed === '---' || trimmed === '...' || trimmed.startsWith('%'))) continue;
    if (trimmed === '-' || trimmed.startsWith('- ')) {
      out.push({ ...base, kind: 'item' });
      continue;
    }
    const match = KEY_LINE.exec(trimmed);
    if (!match) {
      out.push({ ...base, kind: 'bad', problem: 'not-a-pair' });
      continue;
    }
    const key = unquoteKey(match[1] ?? '');
    const value = scalar((match[2] ?? '').trim());
    if (key === undefined || value === null) out.push({ ...base, kind: 'bad', problem: 'bad-quote' });
    else out.push({ ...base, kind: 'pair', key, value });
  }
  return out;
}

function unquoteKey(key: string): string | undefined {
  if (key.startsWith('"')) return unescapeDouble(key.slice(1, -1));
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key.trim();
}

/** The scalar of `raw`; `undefined` when there is none (empty, or only a comment), `null` for a malformed quote. */
function scalar(raw: string): YamlScalar | undefined | null {
  if (raw.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(raw);
    const text = m ? unescapeDouble(m[1] ?? '') : undefined;
    return text === undefined ? null : { style: 'quoted', text };
  }
  if (raw.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'\s*(?:#.*)?$/.exec(raw);
    return m ? { style: 'quoted', text: (m[1] ?? '').replace(/''/g, "'") } : null;
  }
  if (raw.startsWith('#')) return undefined;
  // A plain scalar ends at ` #`; a `#` inside a word (`a#b`) is part of the value, as in YAML.
  const plain = raw.replace(/\s+#.*$/, '').trim();
  if (plain === '') return undefined;
  if (/^[|>[{&*!]/.test(plain)) return { style: 'complex' };
  return { style: 'plain', text: plain };
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '"': '"',
  '\\': '\\',
  '/': '/',
  ' ': ' ',
};

/** The body of a double-quoted scalar with its escapes undone; `undefined` for an escape YAML does not have. */
function unescapeDouble(body: string): string | undefined {
  let bad = false;
  const out = body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, esc: string) => {
    if (esc.length > 1) return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    const mapped = ESCAPES[esc];
    if (mapped === undefined) bad = true;
    return mapped ?? '';
  });
  return bad ? undefined : out;
}
