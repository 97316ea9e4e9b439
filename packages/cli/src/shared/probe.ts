import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Endpoint } from 'alisms';

/** What one plain GET to an endpoint showed: its status and its clock. */
export interface ProbeResult {
  status: number;
  /** The `Date` header, when the endpoint sent one. */
  date: string | undefined;
  /** Round trip in ms. */
  elapsedMs: number;
  /** Local epoch ms halfway through the round trip: the moment the server's `Date` most likely describes. */
  localMidpointMs: number;
  /** The Aliyun error `Code` of the answer, when the body was Aliyun-shaped JSON (`{ Code, RequestId }`). */
  aliyunCode: string | undefined;
  /** The answer's content type, to say what answered when it was not Aliyun. */
  contentType: string | undefined;
}

/** The first bytes of the body are enough to tell an Aliyun error from a proxy's page. */
const MAX_PROBE_BODY = 16 * 1024;

function aliyunCodeOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { Code?: unknown; RequestId?: unknown };
    return typeof parsed.Code === 'string' && typeof parsed.RequestId === 'string' ? parsed.Code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends `GET /` (unsigned: an Aliyun gateway answers it with an error body, which is enough to prove
 * it is reachable and to read its clock) and resolves with any HTTP answer; rejects when none came.
 */
export function probeEndpoint(
  endpoint: Endpoint,
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<ProbeResult> {
  const request = endpoint.protocol === 'https:' ? httpsRequest : httpRequest;
  const started = now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: endpoint.hostname,
        port: endpoint.port,
        method: 'GET',
        path: '/',
        headers: { host: endpoint.host },
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < MAX_PROBE_BODY) body += chunk;
        });
        res.on('end', () => {
          const ended = now();
          const date = res.headers.date;
          resolve({
            status: res.statusCode ?? 0,
            date,
            elapsedMs: ended - started,
            localMidpointMs: (started + ended) / 2,
            aliyunCode: aliyunCodeOf(body),
            contentType: res.headers['content-type'],
          });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Aliyun rejects a Timestamp / x-acs-date more than 15 minutes from its own clock. */
export const MAX_SKEW_MS = 15 * 60_000;
/** Beyond this a warning: close enough to work, far enough to be worth fixing. */
export const WARN_SKEW_MS = 60_000;

/**
 * Local clock minus the endpoint's, in ms (positive: this machine is ahead). `Date` has whole seconds,
 * truncated, so the server's time is taken as the middle of that second; `undefined` without a usable header.
 */
export function clockSkewMs(probe: ProbeResult): number | undefined {
  if (!probe.date) return undefined;
  const server = Date.parse(probe.date);
  if (Number.isNaN(server)) return undefined;
  return probe.localMidpointMs - (server + 500);
}
