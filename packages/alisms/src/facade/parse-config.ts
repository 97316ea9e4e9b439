import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '../core/invalid-argument-error.js';

/** A YAML scalar as the Python package's `yaml.load` returns it for the configs it documents. */
export type ConfigScalar = string | number | boolean | null;
/** A config mapping: scalars at the top, or one nested level of scalars (e.g. `SMS_params:`). */
export type ConfigMapping = { [key: string]: ConfigScalar | { [key: string]: ConfigScalar } };

/**
 * Reads an `alisms` YAML config, as Python's `utils.parse_config(config_file, part='_all')`:
 * `'_all'` returns the whole mapping, any other `part` returns that top-level section.
 *
 * The SDK entry loads no third-party module, so this is a small reader for the shapes the Python
 * package's configs use: `key: value` lines, optionally grouped one level under `section:`, with
 * plain, 'single' or "double" quoted scalars and `#` comments. Anything else (lists, flow style,
 * anchors, multi-line strings, deeper nesting) is rejected with the line number instead of being misread.
 *
 * @example
 * parseConfig('alisms.yml') // → { access_key_id: 'testId', access_key_secret: '...', region_id: 'cn-hangzhou' }
 * parseConfig('config.yml', 'SMS_params') // the nested section of the early config layout
 */
export function parseConfig(file: string, part = '_all'): ConfigMapping | { [key: string]: ConfigScalar } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as { code?: string }).code ?? 'unreadable';
    throw new InvalidArgumentError('configFile', `cannot read ${file} (${reason}); pass an existing YAML file`);
  }
  const mapping = parseYamlMapping(text, file);
  if (part === '_all') return mapping;
  const section = mapping[part];
  if (section === undefined) throw new InvalidArgumentError('part', `${file} has no top-level section "${part}"`);
  if (section === null || typeof section !== 'object')
    throw new InvalidArgumentError('part', `"${part}" in ${file} is a value, not a section of keys`);
  return section;
}

const KEY_LINE = /^([A-Za-z_][\w.-]*)\s*:(?:\s+(.*))?$/;

/** Parses the YAML subset described on {@link parseConfig}; `source` names the file in error messages. */
export function parseYamlMapping(text: string, source = 'config'): ConfigMapping {
  const root: ConfigMapping = {};
  let section: { [key: string]: ConfigScalar } | undefined;
  let sectionIndent = -1;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const fail = (why: string): never => {
      throw new InvalidArgumentError('configFile', `${source} line ${index + 1}: ${why}`);
    };
    const line = stripComment(raw);
    if (line.trim() === '' || line.trim() === '---') continue;
    const indent = line.length - line.trimStart().length;
    if (line.slice(0, indent).includes('\t')) fail('tabs are not allowed for indentation');
    const match = KEY_LINE.exec(line.trim());
    if (!match) return fail('expected `key: value` (lists, flow style and multi-line values are not supported)');
    const key = match[1] as string;
    const rawValue = match[2]?.trim() ?? '';
    if (indent === 0) {
      section = undefined;
      if (rawValue === '') {
        section = {};
        sectionIndent = -1;
        root[key] = section;
      } else root[key] = parseScalar(rawValue, fail);
      continue;
    }
    if (!section) return fail('unexpected indentation');
    if (sectionIndent === -1) sectionIndent = indent;
    if (indent !== sectionIndent) fail('only one level of nesting is supported');
    if (rawValue === '') fail(`"${key}" has no value (deeper nesting is not supported)`);
    section[key] = parseScalar(rawValue, fail);
  }
  return root;
}

/** Drops a `#` comment that starts the line or follows whitespace, outside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return line.slice(0, i);
  }
  return line;
}

function parseScalar(value: string, fail: (why: string) => never): ConfigScalar {
  if (value.startsWith("'")) {
    if (!value.endsWith("'") || value.length < 2) return fail('unterminated single-quoted string');
    return value.slice(1, -1).replace(/''/g, "'");
  }
  if (value.startsWith('"')) {
    if (!value.endsWith('"') || value.length < 2) return fail('unterminated double-quoted string');
    return unescapeDoubleQuoted(value.slice(1, -1), fail);
  }
  if (/^[[{&*!|>]/.test(value)) return fail('flow collections, anchors, tags and block scalars are not supported');
  // YAML 1.1 (PyYAML) plain scalars that are not strings: keep them typed as the Python package saw them.
  if (/^(?:null|Null|NULL|~)$/.test(value)) return null;
  if (/^(?:true|True|TRUE|yes|Yes|YES|on|On|ON)$/.test(value)) return true;
  if (/^(?:false|False|FALSE|no|No|NO|off|Off|OFF)$/.test(value)) return false;
  if (/^[-+]?(?:0|[1-9]\d*)$/.test(value)) return Number(value);
  if (/^[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(value)) return Number(value);
  return value;
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  '/': '/',
  '0': '\0',
};

function unescapeDoubleQuoted(body: string, fail: (why: string) => never): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, esc: string) => {
    if (esc.length === 5) return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    const out = ESCAPES[esc];
    return out ?? fail(`unsupported escape \\${esc}`);
  });
}
