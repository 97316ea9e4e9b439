import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import { scanYamlLines, type YamlScalar } from '../core/yaml-lines.js';

/** A YAML scalar as the Python package's `yaml.load` returns it for the configs it documents. */
export type ConfigScalar = string | number | boolean | null;
/** A config mapping: scalars at the top, or one nested level of scalars (e.g. `SMS_params:`). */
export type ConfigMapping = { [key: string]: ConfigScalar | { [key: string]: ConfigScalar } };

/**
 * Reads an `alisms` YAML config, as Python's `utils.parse_config(config_file, part='_all')`:
 * `'_all'` returns the whole mapping, any other `part` returns that top-level section.
 *
 * The SDK entry loads no third-party module, so this reads with the SDK's one YAML reader
 * (`scanYamlLines`, shared with `alisms.yaml`) the shapes the Python
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

/** Parses the YAML subset described on {@link parseConfig}; `source` names the file in error messages. */
export function parseYamlMapping(text: string, source = 'config'): ConfigMapping {
  const root: ConfigMapping = {};
  let section: { [key: string]: ConfigScalar } | undefined;
  let sectionIndent = -1;
  for (const entry of scanYamlLines(text)) {
    const fail = (why: string): never => {
      throw new InvalidArgumentError('configFile', `${source} line ${entry.line}: ${why}`);
    };
    if (entry.tabIndent) fail('tabs are not allowed for indentation');
    if (entry.kind === 'bad' && entry.problem === 'bad-quote') return fail('unterminated or malformed quoted string');
    if (entry.kind !== 'pair')
      return fail('expected `key: value` (lists, flow style and multi-line values are not supported)');
    const { key, value } = entry;
    if (entry.indent === 0) {
      section = undefined;
      if (value === undefined) {
        section = {};
        sectionIndent = -1;
        root[key] = section;
      } else root[key] = typedScalar(value, fail);
      continue;
    }
    if (!section) return fail('unexpected indentation');
    if (sectionIndent === -1) sectionIndent = entry.indent;
    if (entry.indent !== sectionIndent) fail('only one level of nesting is supported');
    if (value === undefined) return fail(`"${key}" has no value (deeper nesting is not supported)`);
    section[key] = typedScalar(value, fail);
  }
  return root;
}

/** A scalar typed as PyYAML (YAML 1.1) types it: quoted stays text; plain null, booleans and numbers are typed. */
function typedScalar(scalar: YamlScalar, fail: (why: string) => never): ConfigScalar {
  if (scalar.style === 'complex') return fail('flow collections, anchors, tags and block scalars are not supported');
  const value = scalar.text;
  if (scalar.style === 'quoted') return value;
  if (/^(?:null|Null|NULL|~)$/.test(value)) return null;
  if (/^(?:true|True|TRUE|yes|Yes|YES|on|On|ON)$/.test(value)) return true;
  if (/^(?:false|False|FALSE|no|No|NO|off|Off|OFF)$/.test(value)) return false;
  if (/^[-+]?(?:0|[1-9]\d*)$/.test(value)) return Number(value);
  if (/^[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(value)) return Number(value);
  return value;
}
