/**
 * `npm run bench:otp`: verification sends + checks per second through the HTTP service with the Redis
 * store, at concurrency 64, and Redis round trips per send and per check — alisms/otp (atomic Lua
 * scripts) beside the common hand-rolled approach (separate GET/INCR/EXPIRE calls), in the same run.
 *
 * Loopback only; bounded (ALISMS_BENCH_FLOWS flows per variant and round, default 2000, and at most 30 s
 * each; ALISMS_BENCH_ROUNDS rounds, default 3; ALISMS_BENCH_ONLY=<name prefix> runs one variant). Each
 * variant is warmed up first and runs with the service's own info-level logging, as `alisms serve` does.
 * The provider is an in-process stub, so the figures are the service and Redis, not an SMS gateway.
 * Round trips are counted with MONITOR over a small separate phase, by the service's own connection.
 *
 * Then the same flows through a TCP proxy on loopback that holds Redis traffic 1 ms each way
 * (ALISMS_BENCH_DELAY_MS, 0 skips it): a managed Redis in another zone, where round trips, not CPU, set the
 * latency. Three loads: one flow at a time (the round trips alone), a steady 200 flows/s started on a timer
 * whatever the answers (a service below its capacity, as in production), and 16 at a time back to back (the
 * service saturated: latency is then the CPU queue). ALISMS_BENCH_RTT_LOADS (default "c1,r200,c16") and
 * ALISMS_BENCH_RTT_FLOWS (default 1000 per variant and load) size it.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import {
  cooldown,
  createOtp,
  createRedisClient,
  createRedisOtpStore,
  globalDaily,
  normalizePhone,
  perDestination,
  perIp,
  perPrefix,
  wrongChecksPerIp,
} from '@alisms/otp';
import { createApp, createLogger, createMemoryReceiptStore, listen, type VerificationService } from '@alisms/server';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Pool } from 'undici';
import { fromOtp } from '../packages/server/src/otp-adapter.js';
import { traceVerifications } from '../packages/server/src/tracing/verification-spans.js';
import { startDelayProxy } from './lib/delay-proxy.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONCURRENCY = 64;
const FLOWS = Number(process.env.ALISMS_BENCH_FLOWS ?? 2000);
const MAX_MS = 30_000;
const MONITORED_FLOWS = 100;
const WARMUP_FLOWS = 500;
const ROUNDS = Number(process.env.ALISMS_BENCH_ROUNDS ?? 3);
const SECRET = 'bench-otp-secret-0123456789abcdefghijklmnopqrstuv';
const DELAY_MS = Number(process.env.ALISMS_BENCH_DELAY_MS ?? 1);
/** `c16`: 16 flows at a time, back to back; `r200`: a flow started every 5 ms (200/s), open loop. */
const RTT_LOADS = (process.env.ALISMS_BENCH_RTT_LOADS ?? 'c1,r200,c16').split(',');
const RTT_FLOWS = Number(process.env.ALISMS_BENCH_RTT_FLOWS ?? 1000);

/** Where a run's Redis is and how hard it is driven. */
interface RunShape {
  redisUrl: string;
  concurrency: number;
  flows: number;
  /** Count round trips with MONITOR first (the loopback rounds; MONITOR through the proxy adds nothing). */
  monitor: boolean;
  /** Start flows at this rate (per second) on a timer instead of `concurrency` back to back (open loop). */
  rate?: number;
}
const LOOPBACK: RunShape = { redisUrl: REDIS_URL, concurrency: CONCURRENCY, flows: FLOWS, monitor: true };

/** Codes "sent" by the stub provider, read back by the load generator. */
const inbox = new Map<string, string>();
const stubSender = {
  async sendSms(to: string, code: string) {
    inbox.set(to, code);
  },
  async sendEmail(to: string, code: string) {
    inbox.set(to, code);
  },
};

function phone(i: number, run: number): string {
  // Distinct valid mainland mobile numbers: 13[5-9] + 8 digits.
  return `+8613${5 + (run % 5)}${String(10_000_000 + i).slice(-8)}`;
}

/** The usual hand-rolled Redis code: one command per step, each its own round trip. */
function handRolled(redis: Redis, prefix: string): VerificationService {
  const k = (...parts: string[]) => `${prefix}${parts.join(':')}`;
  return {
    async send(input) {
      // Same number normalisation as the library, so the comparison is about Redis, not parsing.
      const verdict = normalizePhone(input.to);
      if (!verdict.ok) return { ok: false, reason: 'invalid_number', message: 'not a phone number' };
      const to = verdict.e164;
      if (await redis.get(k('cooldown', to)))
        return { ok: false, reason: 'rate_limited', limit: 'cooldown', retryAfterSeconds: 60 };
      const hour = await redis.incr(k('hour', to));
      if (hour === 1) await redis.expire(k('hour', to), 3600);
      const day = await redis.incr(k('day', to));
      if (day === 1) await redis.expire(k('day', to), 86_400);
      const ip = await redis.incr(k('ip', input.ip ?? 'unknown'));
      if (ip === 1) await redis.expire(k('ip', input.ip ?? 'unknown'), 86_400);
      if (hour > 1e9 || day > 1e9 || ip > 1e9)
        return { ok: false, reason: 'rate_limited', limit: 'x', retryAfterSeconds: 60 };
      const code = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
      await redis.set(k('code', to), code, 'EX', 300);
      await redis.set(k('cooldown', to), '1', 'EX', 60);
      await stubSender.sendSms(to, code);
      const now = Date.now();
      return {
        ok: true,
        id: randomUUID(),
        to,
        channel: 'sms',
        expiresAt: new Date(now + 300_000),
        resendAfter: new Date(now + 60_000),
      };
    },
    async check(input) {
      const verdict = normalizePhone(input.to);
      if (!verdict.ok) return { status: 'rejected' };
      input = { ...input, to: verdict.e164 };
      const stored = await redis.get(k('code', input.to));
      if (stored !== null && stored === input.code) {
        await redis.del(k('code', input.to));
        return { status: 'approved' };
      }
      const tries = await redis.incr(k('tries', input.to));
      if (tries === 1) await redis.expire(k('tries', input.to), 300);
      return { status: 'rejected' };
    },
  };
}

function alismsOtp(redis: Redis, prefix: string): VerificationService {
  const huge = 1_000_000_000;

  const otp = createOtp({
    secret: SECRET,
    store: createRedisOtpStore({ redis, prefix: `${prefix}otp` }),
    sender: stubSender,
    limits: [
      cooldown('60 s'),
      perDestination(5, '1 h'),
      perDestination(10, '1 d'),
      perIp(huge, '1 d'),
      perPrefix(huge, '1 h'),
      globalDaily(huge),
    ],
    // As `alisms serve` checks (a per-IP check limit, counted before the code is looked at), but never reached:
    // every bench request comes from one address, and the default 50/h refused all but the first 50 checks.
    wrongCheckLimits: [wrongChecksPerIp(huge, '1 h')],
  });
  // As `alisms serve` wires it: spans through @opentelemetry/api (no-ops here: no SDK is installed).
  return traceVerifications(fromOtp(otp));
}

/** CPU time the Redis server has used so far (all its clients: other work on the host shows up too). */
async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1000;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Variant {
  name: string;
  build(redis: Redis, prefix: string): VerificationService;
}

async function runVariant(variant: Variant, run: number, shape: RunShape = LOOPBACK) {
  const { concurrency, flows } = shape;
  const prefix = `bench:otp:${randomUUID()}:`;
  const redis = createRedisClient(shape.redisUrl, { commandTimeout: 5000 });
  if (redis.status !== 'ready') await once(redis, 'ready');
  const server = await listen({ host: '127.0.0.1', port: 0 });
  const app = createApp({
    verifications: variant.build(redis, prefix),
    receipts: createMemoryReceiptStore(),
    allowAnonymous: true,
    // As `alisms serve` runs: info level, one line per request, every line scrubbed (written to /dev/null).
    logger: createLogger({
      level: 'info',
      destination: pino.destination({ dest: '/dev/null', sync: false }),
      secrets: [SECRET, 'bench-api-key-0123456789abcdef'],
    }),
  });
  server.setFetch(app.fetch);
  // Under a rate, enough connections that the client never queues a flow behind a slow one.
  const pool = new Pool(server.url, { connections: shape.rate ? 64 : concurrency, pipelining: 1 });

  async function call(path: string, body: unknown): Promise<number> {
    const res = await pool.request({
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await res.body.dump();
    return res.statusCode;
  }

  async function flow(to: string, lat: { send: number[]; check: number[] }): Promise<boolean> {
    let t = performance.now();
    const sent = await call('/v1/verifications', { to });
    lat.send.push(performance.now() - t);
    const code = inbox.get(to);
    if (sent !== 201 || !code) return false;
    t = performance.now();
    const checked = await call('/v1/verifications/check', { to, code });
    lat.check.push(performance.now() - t);
    return checked === 200;
  }

  // 1) Round trips: a few flows one at a time, under MONITOR, counting what the service's connection sent.
  const warm = { send: [] as number[], check: [] as number[] };
  let sendTrips = Number.NaN;
  let checkTrips = Number.NaN;
  if (shape.monitor) {
    const monitorClient = new Redis(REDIS_URL);
    const monitor = await monitorClient.monitor();
    const lines: { source: string; args: string[] }[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => lines.push({ source, args }));
    await flow(phone(0, run + 1), warm); // loads the scripts; not counted
    const countFrom = async (fn: () => Promise<unknown>) => {
      await redis.ping();
      await new Promise((r) => setTimeout(r, 50));
      lines.length = 0;
      await fn();
      await new Promise((r) => setTimeout(r, 200));
      // Commands run inside a Lua script show up with source "lua": they are not round trips.
      const client = lines.filter((l) => l.source !== 'lua');
      const ours = new Set(client.filter((l) => l.args.some((a) => a.includes(prefix))).map((l) => l.source));
      const counted = client.filter((l) => ours.has(l.source));
      if (process.env.ALISMS_BENCH_VERBOSE) {
        const names = new Map<string, number>();
        for (const l of counted) names.set(l.args[0] ?? '?', (names.get(l.args[0] ?? '?') ?? 0) + 1);
        console.error(variant.name, Object.fromEntries(names));
      }
      return counted.length;
    };
    const monitoredPhones = Array.from({ length: MONITORED_FLOWS }, (_, i) => phone(i + 1, run + 1));
    sendTrips = await countFrom(async () => {
      for (const to of monitoredPhones) await call('/v1/verifications', { to });
    });
    checkTrips = await countFrom(async () => {
      for (const to of monitoredPhones) await call('/v1/verifications/check', { to, code: inbox.get(to) });
    });
    monitor.disconnect();
    monitorClient.disconnect();
  }

  // 2) Warm-up at full concurrency (JIT, connection pools), the same for every variant; not counted.
  let warmNext = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (warmNext < WARMUP_FLOWS) await flow(phone(1000 + warmNext++, run + 1), warm);
    }),
  );

  // 3) Throughput: FLOWS send+check flows, 64 at a time. CPU time is this whole process (service, load
  // generator and Redis client alike for every variant): on a shared host it is steadier than flows/s.
  const lat = { send: [] as number[], check: [] as number[] };
  let next = 0;
  let ok = 0;
  const cpuBefore = process.cpuUsage();
  const redisCpuBefore = await redisCpuMs(redis);
  const started = performance.now();
  if (shape.rate) {
    // Open loop: flow i starts at i / rate s whatever the earlier ones are doing, as users arrive.
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < flows && performance.now() - started < MAX_MS; i++) {
      const wait = started + (i * 1000) / shape.rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const one: Promise<void> = flow(phone(i, run), lat).then((approved) => {
        if (approved) ok++;
        inFlight.delete(one);
      });
      inFlight.add(one);
    }
    await Promise.all(inFlight);
  } else {
    const workers = Array.from({ length: concurrency }, async () => {
      while (next < flows && performance.now() - started < MAX_MS) {
        const i = next++;
        if (await flow(phone(i, run), lat)) ok++;
      }
    });
    await Promise.all(workers);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const redisCpu = (await redisCpuMs(redis)) - redisCpuBefore;

  await pool.close();
  await server.close();
  const keys = await redis.keys(`*${prefix}*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  redis.disconnect();
  const send = lat.send.sort((a, b) => a - b);
  const check = lat.check.sort((a, b) => a - b);
  return {
    variant: variant.name,
    flows: send.length,
    approved: ok,
    flowsPerSecond: Math.round(send.length / seconds),
    requestsPerSecond: Math.round((send.length + check.length) / seconds),
    cpuMsPerFlow: +((cpu.user + cpu.system) / 1000 / send.length).toFixed(3),
    redisCpuMsPerFlow: +(redisCpu / send.length).toFixed(3),
    sendP50ms: +percentile(send, 50).toFixed(2),
    sendP99ms: +percentile(send, 99).toFixed(2),
    checkP50ms: +percentile(check, 50).toFixed(2),
    checkP99ms: +percentile(check, 99).toFixed(2),
    redisTripsPerSend: +(sendTrips / MONITORED_FLOWS).toFixed(2),
    redisTripsPerCheck: +(checkTrips / MONITORED_FLOWS).toFixed(2),
  };
}

const variants: Variant[] = [
  { name: 'alisms/otp (Lua)', build: alismsOtp },
  { name: 'hand-rolled GET/INCR/EXPIRE', build: handRolled },
].filter((v) => !process.env.ALISMS_BENCH_ONLY || v.name.startsWith(process.env.ALISMS_BENCH_ONLY));

// Several rounds, the order alternating, and each variant's median round reported: on a shared host one
// round of a few seconds moves by ±20% with the neighbours' load, and whichever runs first runs colder.
type Result = Awaited<ReturnType<typeof runVariant>>;
const rounds = new Map<string, Result[]>(variants.map((v) => [v.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const variant of order) rounds.get(variant.name)?.push(await runVariant(variant, 2 * variants.indexOf(variant)));
}
const results = [...rounds.values()].map((all) => {
  const sorted = [...all].sort((a, b) => a.flowsPerSecond - b.flowsPerSecond);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as Result;
  return { ...median, rounds: all.map((r) => r.flowsPerSecond).join('/') };
});
console.log(
  `OTP service over HTTP + Redis (${REDIS_URL}), concurrency ${CONCURRENCY}, ${FLOWS} send+check flows per variant ` +
    `and round, ${ROUNDS} rounds (median round shown; flows/s of every round in "rounds")`,
);
console.table(results);
console.log(JSON.stringify({ bench: 'otp', concurrency: CONCURRENCY, rounds: ROUNDS, results }));

// Across a network: the same flows with Redis 1 ms away each way. Latency, not throughput, is the point here:
// at concurrency 1 the round trips alone; at 16, the round trips plus waiting for a CPU on a busy host.
if (DELAY_MS > 0) {
  const target = new URL(REDIS_URL);
  const proxy = await startDelayProxy({ host: target.hostname, port: Number(target.port || 6379) }, DELAY_MS);
  const proxied = new URL(REDIS_URL);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  const rows = [];
  const ratios: string[] = [];
  for (const load of RTT_LOADS) {
    const n = Number(load.slice(1));
    const open = load.startsWith('r');
    // The warm-up and the HTTP pool use 16 connections under a rate: enough for 200/s at 1 ms each way.
    const shape: RunShape = {
      redisUrl: proxied.href,
      concurrency: open ? 16 : n,
      flows: RTT_FLOWS,
      monitor: false,
      ...(open ? { rate: n } : {}),
    };
    const latency: Result[] = [];
    for (const variant of variants) latency.push(await runVariant(variant, 2 * variants.indexOf(variant) + 10, shape));
    for (const r of latency)
      rows.push({
        load: open ? `${n} flows/s` : `concurrency ${n}`,
        variant: r.variant,
        flows: r.flows,
        approved: r.approved,
        flowsPerSecond: r.flowsPerSecond,
        sendP50ms: r.sendP50ms,
        sendP99ms: r.sendP99ms,
        checkP50ms: r.checkP50ms,
        checkP99ms: r.checkP99ms,
      });
    const [lib, hand] = latency;
    if (lib && hand)
      ratios.push(
        `${open ? `${n} flows/s` : `concurrency ${n}`}: send p50 alisms/hand-rolled = ${(lib.sendP50ms / hand.sendP50ms).toFixed(2)} ` +
          `(goal <= 0.33), check p50 = ${(lib.checkP50ms / hand.checkP50ms).toFixed(2)}`,
      );
  }
  await proxy.close();
  console.log(`\nRedis ${DELAY_MS} ms away each way (TCP proxy on loopback), ${RTT_FLOWS} flows per variant`);
  console.table(rows);
  for (const line of ratios) console.log(line);
  console.log(JSON.stringify({ bench: 'otp-rtt', delayMsEachWay: DELAY_MS, results: rows }));
}
