/**
 * How one Aliyun product says "done" in a 2xx JSON answer. Each product states its rule once, where its
 * client is built; anything else is an error, so a proxy's `200 {}` or a `{"Code":null}` is never a send.
 *
 * - `code-ok`: `Code` (or `ResponseCode`, SMS 2018-05-01) is the string `"OK"` — SMS, Dypns.
 * - `no-code`: there is no `Code` field at all — Direct Mail answers `{ RequestId, EnvId }` on success and
 *   carries `Code` only in errors.
 */
export type SuccessRule = 'code-ok' | 'no-code';

/** Whether a parsed 2xx JSON object is a success under `rule`. */
export function isSuccessBody(body: Record<string, unknown>, rule: SuccessRule): boolean {
  if (rule === 'no-code') return !('Code' in body) && !('ResponseCode' in body);
  return (body.Code ?? body.ResponseCode) === 'OK';
}
