/**
 * A reader for the flat YAML of `alisms.yaml`: top-level `key: value` pairs with single or double
 * quotes, comments and blank lines. Nested blocks, lists, block and flow scalars are skipped, not
 * parsed — the SDK entry may not load a YAML library, and the file needs nothing more.
 */
export type FlatYamlResult =
  | { ok: true; values: Map<string, string> }
  /** `line` is 1-based; `problem` never quotes the line (it may hold a secret). */
  | { ok: false; line: number; problem: string };

// A quoted key, or a plain key that does not start with a YAML indicator; then `:` and a space or the end.
const KEY_LINE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\]|>&*!%@`,?:-][^#]*?)\s*:(?:\s+(.*))?$/;
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);

export function parseFlatYaml(text: string): FlatYamlResult {
  const values = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    // Indented lines belong to a nested block (or continue one we skipped); `-` starts a top-level list item.
    if (trimmed === '' || trimmed.startsWith('#') || /^\s/.test(line)) continue;
    if (trimmed === '---' || trimmed === '...' || trimmed.startsWith('- ') || trimmed === '-') continue;
    if (trimmed.startsWith('%')) continue; // directives such as %YAML 1.2
    const match = KEY_LINE.exec(line.trimEnd());
    if (!match) return { ok: false, line: i + 1, problem: 'is not a `key: value` pair' };
    const key = unquoteKey(match[1] ?? '');
    const raw = (match[2] ?? '').trim();
    const value = scalar(raw);
    if (value === undefined)
      return { ok: false, line: i + 1, problem: 'has an unterminated or malformed quoted value' };
    if (value === null) {
      values.delete(key); // like PyYAML, a later `key:` (null or nested block) overrides an earlier value
      continue;
    }
    values.set(key, value);
  }
  return { ok: true, values };
}

function unquoteKey(key: string): string {
  if (key.startsWith('"')) return unescapeDouble(key.slice(1, -1)) ?? key;
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key.trim();
}

/** A string, `null` for "no scalar here" (null, nested block, block/flow scalar), `undefined` for a malformed quote. */
function scalar(raw: string): string | null | undefined {
  if (raw.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(raw);
    return m ? unescapeDouble(m[1] ?? '') : undefined;
  }
  if (raw.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'\s*(?:#.*)?$/.exec(raw);
    return m ? (m[1] ?? '').replace(/''/g, "'") : undefined;
  }
  if (raw.startsWith('#')) return null;
  // A plain scalar ends at ` #`; a `#` inside a word (`a#b`) is part of the value, as in YAML.
  const plain = raw.replace(/\s+#.*$/, '').trim();
  if (NULLS.has(plain)) return null;
  if (/^[|>[{&*!]/.test(plain)) return null;
  return plain;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '"': '"',
  '\\': '\\',
  '/': '/',
  ' ': ' ',
};

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
