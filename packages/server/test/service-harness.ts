// Starts `alisms serve` in-process (127.0.0.1:0, the emulator on the same port) for the tests of templates,
// test numbers and per-tenant services, and reads what the emulator received.
import { Writable } from 'node:stream';
import { type RunningService, type StartServiceOptions, startService } from '../src/compose.js';
import { parseServeConfig, type ServeConfigInput } from '../src/index.js';

export const OTP_SECRET = 'service-harness-otp-secret-0123456789abcdef';

/** A message as the emulator's inspection API shows it. */
export interface InboxMessage {
  product: string;
  action: string;
  to: string;
  signName?: string;
  templateCode?: string;
  content: string;
  code?: string;
  mail?: { subject: string; htmlBody?: string; textBody?: string };
}

export async function startHarness(input: ServeConfigInput, extra: Omit<StartServiceOptions, 'logDestination'> = {}) {
  let log = '';
  const logDestination = new Writable({
    write(chunk, _enc, done) {
      log += String(chunk);
      done();
    },
  });
  const config = parseServeConfig({
    emulator: true,
    ...input,
    server: { port: 0, ...input.server },
    otp: { secret: OTP_SECRET, ...input.otp },
  });
  const service: RunningService = await startService(config, { logDestination, ...extra });
  const post = (path: string, body: unknown, key?: string) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });
  const inbox = async (): Promise<InboxMessage[]> =>
    ((await (await fetch(`${service.url}/_emulator/api/messages`)).json()) as { messages: InboxMessage[] }).messages;
  const metrics = async () => (await fetch(`${service.url}/metrics`)).text();
  return { service, post, inbox, metrics, log: () => log };
}
