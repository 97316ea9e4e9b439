/**
 * Parameter checks shared by every typed client (SMS, Dypns, mail): each turns a caller value into the
 * string the wire wants or throws `InvalidArgumentError` naming the field, before any I/O.
 */
import { InvalidArgumentError } from './invalid-argument-error.js';

/** Template variables: values are strings (Aliyun rejects numbers with isv.INVALID_JSON_PARAM). */
export type TemplateParams = Readonly<Record<string, string>>;

/** Object (or JSON object string) → the JSON string Aliyun wants, with every value checked to be a string. */
export function templateParamJson(value: TemplateParams | string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  let object: unknown = value;
  if (typeof value === 'string') {
    try {
      object = JSON.parse(value);
    } catch {
      throw new InvalidArgumentError(field, 'is a string but not JSON; pass an object such as { code: "1234" }');
    }
  }
  if (object === null || typeof object !== 'object' || Array.isArray(object))
    throw new InvalidArgumentError(field, 'must be an object of template variables, e.g. { code: "1234" }');
  // for…in over own keys: Object.entries would allocate a pair per variable on every send.
  for (const name in object) {
    if (!Object.hasOwn(object, name)) continue;
    const v = (object as Record<string, unknown>)[name];
    if (typeof v === 'number')
      throw new InvalidArgumentError(
        `${field}.${name}`,
        `is a number; pass it as a string ("${v}"): Aliyun rejects numbers with isv.INVALID_JSON_PARAM`,
      );
    if (typeof v !== 'string') throw new InvalidArgumentError(`${field}.${name}`, `must be a string, got ${typeof v}`);
  }
  return typeof value === 'string' ? value : JSON.stringify(object);
}

/** OutId / TaskId: optional, fewer than 256 characters. */
export function checkOutId(value: unknown, field = 'outId'): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length >= 256)
    throw new InvalidArgumentError(field, 'must be a non-empty string of fewer than 256 characters');
  return value;
}

/** A required non-empty string parameter. */
export function required(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new InvalidArgumentError(field, 'is required (a non-empty string)');
  return value;
}

/** An optional integer parameter within bounds, as the string the wire wants. */
export function intParam(value: unknown, field: string, min: number, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new InvalidArgumentError(field, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  return String(value);
}

/** Drops undefined values so the signed parameter map holds only what is sent. */
export function defined(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in params) {
    const v = params[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
