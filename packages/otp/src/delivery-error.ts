import { maskAddress, redact } from 'alisms';

const MAX_DETAIL = 300;

/**
 * A one-line account of why a delivery failed that is safe to log: the error's name and message, cut to
 * 300 characters, with the code it was carrying removed, the e-mail address masked and phone-number-like
 * digit runs masked (`redact()`). Provider errors may echo the request (template parameters, the number),
 * so the raw `error` of a `delivery_failed` result must not be logged as it is; this may.
 */
export function describeDeliveryError(error: unknown, code: string, to: string): string {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  let text = `${name}: ${message}`;
  // An address is not a digit run: mask it by value, before redact() masks the numbers.
  if (to.includes('@')) text = text.split(to).join(maskAddress(to));
  return redact(text, [code]).slice(0, MAX_DETAIL);
}
