/** What happened to one push attempt. */
export interface PushOutcome {
  /** The receiver took it: HTTP 200 and a JSON body whose `code` is 0. */
  ok: boolean;
  /** HTTP status, when the receiver answered. */
  status?: number;
  /** Why it did not count as received (HTTP status, bad body, timeout, connection error). */
  reason?: string;
}

/** Sends one JSON body; injectable so tests and the core can observe or replace the network. */
export type PostJson = (url: string, body: unknown, timeoutMs: number) => Promise<PushOutcome>;

/**
 * Aliyun's receiver contract: answer 200 with `{"code":0,"msg":"接收成功"}`. Anything else (another
 * status, a non-JSON body, a `code` other than 0, no answer in time) means "try again later".
 */
export const postJson: PostJson = async (url, body, timeoutMs) => {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=utf-8', 'user-agent': 'alisms-emulator' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const name = (error as Error).name;
    const reason = name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describeNetworkError(error);
    return { ok: false, reason };
  }
  if (response.status !== 200) return { ok: false, status: response.status, reason: `HTTP ${response.status}` };
  let code: unknown;
  try {
    code = (JSON.parse(text) as { code?: unknown } | null)?.code;
  } catch {
    return { ok: false, status: 200, reason: 'the body is not JSON (expected {"code":0})' };
  }
  if (code !== 0 && code !== '0') return { ok: false, status: 200, reason: `code ${JSON.stringify(code)}, expected 0` };
  return { ok: true, status: 200 };
};

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
