import type { Writable } from 'node:stream';
import { UsageError } from '../io.js';

/** How `alisms serve` writes its log: readable lines for a person, JSON lines for a collector. */
export type LogFormat = 'pretty' | 'json';

/**
 * `--log-format`, else `ALISMS_LOG_FORMAT`, else readable lines on a terminal and JSON lines when the
 * output is a pipe or a file (what log collectors read).
 */
export function chooseLogFormat(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  stdout: { isTTY?: boolean },
): LogFormat {
  const asked = flag ?? env.ALISMS_LOG_FORMAT;
  if (asked === undefined || asked === '') return stdout.isTTY ? 'pretty' : 'json';
  if (asked === 'pretty' || asked === 'json') return asked;
  throw new UsageError(`--log-format must be pretty or json, got "${asked}"`);
}

interface LogLine {
  msg?: string;
  method?: string;
  route?: string;
  status?: number;
  ms?: number;
  ip?: string;
  to?: string;
}

/** One request as a person reads it: `POST /v1/verifications 200 in 3 ms from 127.0.0.1 to 138****8000`. */
function message(log: LogLine): string {
  if (log.msg !== 'request' || log.method === undefined) return log.msg ?? '';
  const to = log.to ? ` to ${log.to}` : '';
  return `${log.method} ${log.route} ${log.status} in ${log.ms} ms from ${log.ip}${to}`;
}

/**
 * Where the service's log goes: `stream` itself for JSON, or pino-pretty in front of it. The lines are
 * the same records (already redacted by the service's logger); only their layout changes.
 */
export async function logDestination(format: LogFormat, stream: Writable & { isTTY?: boolean }): Promise<Writable> {
  if (format === 'json') return stream;
  const { default: pretty } = await import('pino-pretty');
  return pretty({
    destination: stream,
    colorize: stream.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
    ignore: 'pid,hostname,service,method,route,status,ms,ip,to',
    messageFormat: (log) => message(log as LogLine),
    sync: true,
  });
}
