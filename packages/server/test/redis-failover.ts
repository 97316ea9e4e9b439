// The failover scenario shared by the Cluster and the Sentinel suites: service instances (each with its own
// emulator) on one Redis topology, a stream of sends and checks through the HTTP API, a master killed midway.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { type RunningService, startService } from '../src/compose.js';
import { parseServeConfig, type ServeConfigInput } from '../src/index.js';

const SECRET = 'failover-test-otp-secret-0123456789abcdef';

export interface Instance {
  service: RunningService;
  post(path: string, body: unknown): Promise<Response>;
  /** Every SMS this instance's emulator received. */
  messages(): Promise<{ to: string; code?: string }[]>;
}

/** `n` instances of `alisms serve --emulator` on one Redis; limits that only the cooldown can trip. */
export async function startInstances(n: number, redis: ServeConfigInput['redis']): Promise<Instance[]> {
  const out: Instance[] = [];
  for (let i = 0; i < n; i++) {
    const config = parseServeConfig({
      emulator: true,
      server: { port: 0 },
      log: { level: process.env.DEBUG_FAILOVER ? 'warn' : 'silent' },
      redis,
      otp: {
        secret: SECRET,
        limits: {
          cooldown: '10 min',
          perIp: [{ limit: 1_000_000, window: '1 d' }],
          perPrefix: [{ limit: 1_000_000, window: '1 h' }],
          // Every check of a spent code is a wrong check from the one test address: the default 50 an hour would
          // answer 429 before the assertions learn whether the code was approved again.
          wrongChecksPerIp: [{ limit: 1_000_000, window: '1 h' }],
        },
      },
    });
    const service = await startService(config, {
      logDestination: new Writable({
        write: (c, _e, done) => {
          if (process.env.DEBUG_FAILOVER) process.stderr.write(c);
          done();
        },
      }),
    });
    out.push({
      service,
      post: (path, body) =>
        fetch(`${service.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      messages: async () =>
        ((await (await fetch(`${service.url}/_emulator/api/messages`)).json()) as { messages: { to: string }[] })
          .messages,
    });
  }
  return out;
}

async function codeFor(instance: Instance, to: string): Promise<string> {
  const res = await fetch(`${instance.service.url}/_emulator/api/messages/latest?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { code: string }).code;
}

/** What a stream of traffic saw. */
export interface StreamLog {
  sendStatuses: number[];
  checkStatuses: number[];
  /** Numbers whose code was approved, with the code: none of them may ever be approved again. */
  approved: { to: string; code: string }[];
  /** Numbers that were sent a code: none may get a second one within the cooldown. */
  sent: string[];
}

/**
 * Sends a code to a fresh number through one instance, checks it through another, then tries the same code
 * and a second send once more (both must be refused), until `stop()` says so.
 */
export function trafficStream(instances: Instance[]) {
  const log: StreamLog = { sendStatuses: [], checkStatuses: [], approved: [], sent: [] };
  let stopped = false;
  let i = 0;
  const loop = (async () => {
    while (!stopped) {
      const to = `+86139${String(10_000_000 + i).padStart(8, '0')}`;
      const a = instances[i % instances.length]!;
      const b = instances[(i + 1) % instances.length]!;
      i += 1;
      const sent = await a.post('/v1/verifications', { to });
      const body = await sent.text();
      log.sendStatuses.push(sent.status);
      assert.ok([201, 503].includes(sent.status), `send answered ${sent.status}: ${body}`);
      if (sent.status !== 201) {
        if (process.env.DEBUG_FAILOVER) console.error('send', sent.status, body);
        await new Promise((r) => setTimeout(r, 20)); // a client backing off, not a timing assertion
        continue;
      }
      log.sent.push(to);
      const code = await codeFor(a, to);
      const checked = await b.post('/v1/verifications/check', { to, code });
      log.checkStatuses.push(checked.status);
      assert.ok([200, 503].includes(checked.status), `check answered ${checked.status}`);
      if (checked.status === 200) log.approved.push({ to, code });
      const again = await a.post('/v1/verifications/check', { to, code });
      assert.notEqual(again.status, 200, `a code for ${to} was approved twice`);
      const resend = await b.post('/v1/verifications', { to });
      assert.notEqual(resend.status, 201, `a second code went to ${to} within the cooldown`);
    }
  })();
  return {
    log,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** After recovery: every approved code stays spent, every cooldown stays, and each number got one SMS. */
export async function assertNothingTwice(instances: Instance[], log: StreamLog): Promise<void> {
  for (const [k, { to, code }] of log.approved.entries()) {
    const res = await instances[k % instances.length]!.post('/v1/verifications/check', { to, code });
    assert.equal(res.status, 400, `the code for ${to}, approved before the failover, was approved again`);
  }
  for (const [k, to] of log.sent.entries()) {
    const res = await instances[k % instances.length]!.post('/v1/verifications', { to });
    assert.equal(res.status, 429, `the cooldown of ${to} was lost in the failover (answered ${res.status})`);
  }
  const all = (await Promise.all(instances.map((i) => i.messages()))).flat();
  const perNumber = new Map<string, number>();
  for (const m of all) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
  for (const [to, count] of perNumber) assert.equal(count, 1, `${to} received ${count} SMS`);
}

/** Waits until `condition` holds, polling; throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The whole scenario: traffic, `kill()` the master, a 503 (fail closed), `recover()` (promotion, old node
 * back), traffic approved again without restarting the service, and nothing approved or sent twice.
 */
export async function survivesFailover(
  instances: Instance[],
  steps: { kill(): void; recover(): Promise<void> },
): Promise<void> {
  const stream = trafficStream(instances);
  try {
    await waitFor('traffic before the failover', () => stream.log.approved.length >= 5);
    steps.kill();
    const from = stream.log.sendStatuses.length;
    await waitFor('a 503 while there is no master', () => stream.log.sendStatuses.slice(from).includes(503));
    await steps.recover();
    const approvedBefore = stream.log.approved.length;
    await waitFor('approvals after the failover', () => stream.log.approved.length >= approvedBefore + 5);
  } finally {
    await stream.stop();
  }
  assert.ok(stream.log.sendStatuses.includes(503), 'no request failed closed during the failover');
  await assertNothingTwice(instances, stream.log);
}
