import { type Duration, toMs } from 'alisms';

/** A JSON answer, or the alisms error code saying why there is none. */
export type PostOutcome = { ok: true; body: Record<string, unknown> } | { ok: false; errorCode: string };

/**
 * POSTs a form and parses the JSON answer within `timeout`. Every failure becomes an error code (never an
 * exception), so verifiers cannot fail open by forgetting a catch.
 */
export async function postForm(
  endpoint: string,
  form: Record<string, string>,
  timeout: Duration = '2 s',
): Promise<PostOutcome> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(toMs(timeout)),
    });
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    return { ok: false, errorCode: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable' };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    return { ok: false, errorCode: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable' };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, errorCode: response.ok ? 'invalid-response' : `http-${response.status}` };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, errorCode: 'invalid-response' };
  // Aliyun answers gateway errors (bad signature…) with 4xx JSON; siteverify APIs answer 200. Keep the body either way.
  return { ok: true, body: body as Record<string, unknown> };
}

/** `error-codes` of a siteverify answer as strings. */
export function errorCodesOf(body: Record<string, unknown>): string[] {
  const codes = body['error-codes'];
  return Array.isArray(codes) ? codes.filter((c): c is string => typeof c === 'string') : [];
}
