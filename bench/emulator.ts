/**
 * `npm run bench:emulator`: SendSms with V3 verification at concurrency 64, against the emulator and
 * against a bare node:http server that answers a fixed body (the ceiling), side by side in one run.
 * Each server and the load generator run in their own process; a few short rounds, medians reported.
 *
 * Options (env): BENCH_ROUNDS (3), BENCH_SECONDS (4), BENCH_CONCURRENCY (64), BENCH_DELIVERY=0 (measure
 * without the delivery simulation). Numbers are spread so per-number flow control never triggers.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const TARGET = 0.6;

interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}
type Measured = LoadResult & { rss: number; cpuUs: number };
interface Round {
  bare: Measured;
  emulator: Measured;
}

type Message =
  | { type: 'listening'; url: string }
  | { type: 'rss'; rss: number; cpuMs: number }
  | { type: 'result'; result: LoadResult };

function child(role: string, args: string[] = []): ChildProcess {
  return fork(SELF, [role, ...args], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function next<T extends Message['type']>(proc: ChildProcess, type: T): Promise<Extract<Message, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Message) => {
      if (m.type !== type) return;
      proc.off('message', onMessage);
      resolve(m as Extract<Message, { type: T }>);
    };
    proc.on('message', onMessage);
    proc.once('exit', (code) => reject(new Error(`${type}: child exited with ${code}`)));
  });
}

/** Server roles: start, report the URL, report RSS when asked, exit on disconnect. */
async function serve(kind: 'bare' | 'emulator'): Promise<void> {
  let url: string;
  if (kind === 'bare') {
    const body = JSON.stringify({
      RequestId: 'D5446B2A-CD75-4B1A-84A1-C102BD693053',
      Code: 'OK',
      Message: 'OK',
      BizId: '638744795393996414^0',
    });
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, {
          'content-type': 'application/json;charset=utf-8',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  } else {
    const { startEmulator } = await import('@alisms/emulator');
    // Flow control off: the bench spreads numbers anyway, and it must measure the server, not the limits.
    const running = await startEmulator({
      config: { flowControl: { enabled: false } },
      ...(process.env.BENCH_DELIVERY === '0' ? { delivery: false as const } : {}),
    });
    url = running.url;
  }
  process.send?.({ type: 'listening', url });
  process.on('message', (m: { type: string }) => {
    const cpu = process.cpuUsage();
    if (m.type === 'rss')
      process.send?.({ type: 'rss', rss: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000 });
  });
  process.on('disconnect', () => process.exit(0));
}

/** The load generator: CONCURRENCY loops of freshly signed V3 SendSms calls for `seconds`. */
async function load(url: string, seconds: number): Promise<void> {
  const { formatTimestamp, hashPayload, newNonce, signV3 } = await import('alisms');
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let phone = 0;
  const deadline = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      phone = (phone + 1) % 100_000_000;
      const query = {
        PhoneNumbers: `139${String(phone).padStart(8, '0')}`,
        SignName: '阿里云短信测试',
        TemplateCode: 'SMS_154950909',
        TemplateParam: '{"code":"123456"}',
      };
      const headers: Record<string, string> = {
        host: target.host,
        'x-acs-action': 'SendSms',
        'x-acs-version': '2017-05-25',
        'x-acs-date': formatTimestamp(Date.now()),
        'x-acs-signature-nonce': newNonce(),
        'x-acs-content-sha256': hashPayload(''),
      };
      headers.authorization = signV3(
        { method: 'POST', query, headers, body: '' },
        'testid',
        'testsecret',
      ).authorization;
      const path = `/?${new URLSearchParams(query).toString().replace(/\+/g, '%20')}`;
      const started = performance.now();
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path,
          headers: { ...headers, 'content-length': 0 },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - started);
            else errors += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  agent.destroy();
  process.send?.({
    type: 'result',
    result: { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) },
  });
}

async function measure(kind: 'bare' | 'emulator'): Promise<Measured> {
  const server = child(kind);
  const { url } = await next(server, 'listening');
  // A short warm-up so the JIT has compiled the hot path before the measured run.
  const warm = child('load', [url, '1']);
  await next(warm, 'result');
  const generator = child('load', [url, String(SECONDS)]);
  // The generator needs a moment to start: the server is idle meanwhile, so the snapshot is fair.
  server.send({ type: 'rss' });
  const before = await next(server, 'rss');
  const { result } = await next(generator, 'result');
  server.send({ type: 'rss' });
  const { rss, cpuMs } = await next(server, 'rss');
  server.disconnect();
  // Server CPU per answered request during the measured run: steadier than req/s on a busy machine.
  const cpuUs = ((cpuMs - before.cpuMs) * 1000) / result.requests;
  return { ...result, rss, cpuUs };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function main(): Promise<void> {
  console.log(`emulator bench: SendSms V3, concurrency ${CONCURRENCY}, ${ROUNDS} rounds x ${SECONDS} s per server`);
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate the order so neither server always runs on a cooler machine.
    const first = i % 2 === 0 ? 'bare' : 'emulator';
    const a = await measure(first);
    const b = await measure(first === 'bare' ? 'emulator' : 'bare');
    const round = (first === 'bare' ? { bare: a, emulator: b } : { bare: b, emulator: a }) as Round;
    rounds.push(round);
    console.log(
      `round ${i + 1}: bare ${round.bare.rps.toFixed(0)} req/s, emulator ${round.emulator.rps.toFixed(0)} req/s ` +
        `(${((round.emulator.rps / round.bare.rps) * 100).toFixed(0)}%), server CPU ${round.bare.cpuUs.toFixed(0)}/${round.emulator.cpuUs.toFixed(0)} µs/req, ` +
        `errors ${round.bare.errors}/${round.emulator.errors}`,
    );
  }
  const row = (name: string, pick: (r: Round) => Measured) => {
    const rps = median(rounds.map((r) => pick(r).rps));
    const p99 = median(rounds.map((r) => pick(r).p99));
    const rss = median(rounds.map((r) => pick(r).rss)) / 1024 / 1024;
    const cpuUs = median(rounds.map((r) => pick(r).cpuUs));
    return { name, rps, p99, rss, cpuUs };
  };
  const bare = row('bare node:http (ceiling)', (r) => r.bare);
  const emulator = row('alisms emulator', (r) => r.emulator);
  console.log('\n| server | req/s (median) | p99 ms | RSS MB | server CPU µs/req |\n|---|---|---|---|---|');
  for (const r of [bare, emulator])
    console.log(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p99.toFixed(2)} | ${r.rss.toFixed(0)} | ${r.cpuUs.toFixed(0)} |`,
    );
  const ratio = emulator.rps / bare.rps;
  console.log(
    `\nemulator / ceiling: ${(ratio * 100).toFixed(1)}% (target >= ${TARGET * 100}%) ${ratio >= TARGET ? 'PASS' : 'FAIL'}`,
  );
  process.exitCode = ratio >= TARGET ? 0 : 1;
}

const [role, ...args] = process.argv.slice(2);
if (role === 'bare' || role === 'emulator') await serve(role);
else if (role === 'load') await load(args[0] as string, Number(args[1]));
else await main();
