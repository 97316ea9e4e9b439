/**
 * The flat YAML of `alisms.yaml`: top-level `key: value` pairs. Nested blocks, lists, block and flow
 * scalars are skipped, not parsed. The lines are read by the SDK's one YAML reader (`scanYamlLines`).
 */
import { scanYamlLines } from '../core/yaml-lines.js';

export type FlatYamlResult =
  | { ok: true; values: Map<string, string> }
  /** `line` is 1-based; `problem` never quotes the line (it may hold a secret). */
  | { ok: false; line: number; problem: string };

const NULLS = new Set(['~', 'null', 'Null', 'NULL']);

export function parseFlatYaml(text: string): FlatYamlResult {
  const values = new Map<string, string>();
  for (const entry of scanYamlLines(text)) {
    // Indented lines belong to a nested block (or continue one we skipped); `-` starts a list item.
    if (entry.indent > 0 || entry.kind === 'item') continue;
    if (entry.kind === 'bad')
      return {
        ok: false,
        line: entry.line,
        problem:
          entry.problem === 'not-a-pair'
            ? 'is not a `key: value` pair'
            : 'has an unterminated or malformed quoted value',
      };
    const value = entry.value;
    if (value === undefined || value.style === 'complex' || (value.style === 'plain' && NULLS.has(value.text))) {
      values.delete(entry.key); // like PyYAML, a later `key:` (null or nested block) overrides an earlier value
      continue;
    }
    values.set(entry.key, value.text);
  }
  return { ok: true, values };
}
