import { UsageError } from '../io.js';

/** Collects repeatable `k=v` option values (commander's accumulator): splits at the first `=` only. */
export function collectKeyValue(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const [key, val] = splitKeyValue(value);
  return { ...previous, [key]: val };
}

/** Splits `k=v` at the first `=`; a value may itself contain `=` (base64, JSON). */
export function splitKeyValue(pair: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new UsageError(`expected key=value, got "${pair}"`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

/** Turns `['a=1', 'b=2']` into `{ a: '1', b: '2' }`; later keys win. */
export function parseKeyValues(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const [key, value] = splitKeyValue(pair);
    out[key] = value;
  }
  return out;
}

/** Parses `--params '{json}'`: a JSON object whose values become strings (Aliyun template values are strings). */
export function parseJsonParams(json: string, flag = '--params'): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new UsageError(`${flag} is not valid JSON: expected an object such as '{"code":"1234"}'`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UsageError(`${flag} must be a JSON object such as '{"code":"1234"}'`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}
