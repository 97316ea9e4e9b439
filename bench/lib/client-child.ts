// One benchmark run of one client, in a process of its own: `node client-child.js <kind> <url>
// <durationMs> <warmupMs> <concurrency>`. Prints one JSON line (a RoundResult) and exits.
import { CLIENT_KINDS, type ClientKind, makeClient, type Send } from './clients.js';
import { LatencyHistogram } from './histogram.js';

/** What one child reports for one round. */
export interface RoundResult {
  kind: ClientKind;
  requests: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  rps: number;
  cpuUsPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
}

interface Tally {
  requests: number;
  errors: number;
  firstError?: string;
  latencies: LatencyHistogram | undefined;
}

/** `concurrency` loops, each sending one request after the other until `until` (performance.now ms). */
async function drive(send: Send, concurrency: number, until: number, tally: Tally): Promise<void> {
  const loop = async (): Promise<void> => {
    while (performance.now() < until) {
      const start = performance.now();
      try {
        await send();
        tally.requests++;
        tally.latencies?.record(performance.now() - start);
      } catch (error) {
        tally.errors++;
        tally.firstError ??= error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error);
        // A client that fails instantly would spin; yield so the loop stays a loop over I/O.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}

async function main(): Promise<void> {
  const [kindArg, url, durationArg, warmupArg, concurrencyArg] = process.argv.slice(2);
  const kind = CLIENT_KINDS.find((k) => k === kindArg);
  if (!kind || !url) throw new Error(`usage: client-child <${CLIENT_KINDS.join('|')}> <url> <ms> <warmupMs> <n>`);
  const durationMs = Number(durationArg ?? 3000);
  const warmupMs = Number(warmupArg ?? 500);
  const concurrency = Number(concurrencyArg ?? 64);
  const send = await makeClient(kind, url, concurrency);

  // Warm-up: JIT, connection pool, lazy module loads. Not counted (peak RSS still covers it).
  await drive(send, concurrency, performance.now() + warmupMs, { requests: 0, errors: 0, latencies: undefined });

  const tally: Tally = { requests: 0, errors: 0, latencies: new LatencyHistogram() };
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await drive(send, concurrency, start + durationMs, tally);
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const result: RoundResult = {
    kind,
    requests: tally.requests,
    errors: tally.errors,
    ...(tally.firstError === undefined ? {} : { firstError: tally.firstError }),
    elapsedMs,
    rps: (tally.requests / elapsedMs) * 1000,
    cpuUsPerRequest: tally.requests ? (cpu.user + cpu.system) / tally.requests : Number.NaN,
    p50Ms: tally.latencies?.percentile(50) ?? Number.NaN,
    p99Ms: tally.latencies?.percentile(99) ?? Number.NaN,
    // maxRSS is the process's high-water mark in KiB, so it includes warm-up and module loading.
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  // Keep-alive sockets of some clients would hold the process open: this child's job is done.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
