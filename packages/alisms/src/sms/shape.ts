/** Helpers that turn Aliyun's PascalCase wire bodies into typed camelCase results. */

/** A wire value as a number (Aliyun sends some counts as strings); undefined when absent or not numeric. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** A wire value as a string; undefined when absent. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A list that arrives either as an array or wrapped as `{ Item: [...] }` (XML-ish JSON). */
export function list(value: unknown, wrapper?: string): Record<string, unknown>[] {
  if (Array.isArray(value)) return value as Record<string, unknown>[];
  if (wrapper && value !== null && typeof value === 'object') {
    const inner = (value as Record<string, unknown>)[wrapper];
    if (Array.isArray(inner)) return inner as Record<string, unknown>[];
  }
  return [];
}

/** `SignName` → `signName`, `SmsSignList` → `smsSignList`, deep, for shapes not typed field by field. */
export function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k.charAt(0).toLowerCase() + k.slice(1)] = camelKeys(v);
    return out;
  }
  return value;
}
