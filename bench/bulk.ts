// `npm run bench:bulk` (node --import tsx bench/bulk.ts): a million recipients through the emulator.
// The emulator runs in a child process (its memory and CPU are not the CLI's); the CLI
// `alisms bulk send` runs in another, and its peak RSS is read from /proc (VmHWM).
// Checks: peak RSS < 200 MB, achieved calls/s >= 95% of --qps, every row in the results file,
// every valid row received by the emulator exactly once.
//
// Also prints the peak sliding-second rate of calls twice (the cap is 110% of --qps): as the clients
// started them (every API call attempt of the CLI and of each worker — sends, reconciliation look-ups,
// retries — recorded through the SDK's diagnostics channel by bench/lib/call-stamps.mjs; this is
// what the limiter controls, and the check), and as the emulator stamped their arrival (the same
// calls plus the jitter of a busy machine between the two processes; printed, not checked).
// With --workers N the job goes through the queue (Redis at $REDIS_URL, a key prefix of its own) and
// N `alisms worker` processes share the rate. Memory figures are VmHWM kB / 1024 (MiB, printed "MB").
//
// Options: --rows N (1000000) --qps N (100) --concurrency N (16) --workers N (0: in-process)
//          --keep (keep the temp dir)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    qps: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '16' },
    workers: { type: 'string', default: '0' },
    keep: { type: 'boolean', default: false },
    'emulator-child': { type: 'boolean', default: false },
  },
});
const ROOT = join(import.meta.dirname, '..');
const SIGN = 'Acme';
const TEMPLATE = 'SMS_900001';

if (values['emulator-child']) await emulatorChild();
else await main();

/** The emulator process: counts messages and repeated numbers, reports on stdin EOF / 'report'. */
async function emulatorChild(): Promise<void> {
  const { startEmulator } = await import('@alisms/emulator');
  const running = await startEmulator({
    port: 0,
    config: {
      signs: [{ name: SIGN, type: 'general' }],
      templates: [{ code: TEMPLATE, type: 'notification', content: 'Hello ${name}, your order ships today.' }],
      flowControl: { enabled: false },
      maxMessages: 1000,
    },
    delivery: false,
  });
  const seen = new Set<string>();
  let messages = 0;
  let repeated = 0;
  // One BizId per call: the arrival time of each call, for the sliding-second peak.
  const calls = new Set<string>();
  const callTimes: number[] = [];
  running.emulator.store.subscribe((event) => {
    if (event.type !== 'message') return;
    const biz = event.message.bizId as string;
    if (!calls.has(biz)) {
      calls.add(biz);
      callTimes.push(Date.now());
    }
    messages += 1;
    if (seen.has(event.message.to)) repeated += 1;
    else seen.add(event.message.to);
  });
  process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === 'report') {
      const { maxInSlidingWindow } = await import('@alisms/bulk');
      const first = callTimes[0] ?? 0;
      const span = ((callTimes.at(-1) ?? 0) - first) / 1000;
      const sendRate = span > 0 ? (callTimes.length - 1) / span : 0;
      process.stdout.write(
        `${JSON.stringify({ messages, unique: seen.size, repeated, calls: callTimes.length, peak: maxInSlidingWindow(callTimes), sendRate })}\n`,
      );
    }
  }
  await running.close();
}

async function writeInput(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  let invalid = 0;
  out.write('phone,name\n');
  for (let i = 0; i < rows; i++) {
    // One row in 10,000 is invalid, so the results file has to account for those too.
    const bad = i % 10_000 === 9_999;
    if (bad) invalid += 1;
    const line = `${bad ? `12${i}` : `139${String(i).padStart(8, '0')}`},n${i}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return invalid;
}

/** Peak (VmHWM) and current (VmRSS) resident memory of a process, in MB. */
function rssMb(pid: number): Promise<{ peak: number; now: number }> {
  return readFile(`/proc/${pid}/status`, 'utf8').then(
    (text) => ({
      peak: Number(/VmHWM:\s+(\d+)/.exec(text)?.[1] ?? 0) / 1024,
      now: Number(/VmRSS:\s+(\d+)/.exec(text)?.[1] ?? 0) / 1024,
    }),
    () => ({ peak: 0, now: 0 }),
  );
}

async function main(): Promise<void> {
  const rows = Number(values.rows);
  const qps = Number(values.qps);
  const dir = await mkdtemp(join(tmpdir(), 'alisms-bench-bulk-'));
  const input = join(dir, 'recipients.csv');
  const results = join(dir, 'results.csv');
  const invalid = await writeInput(input, rows);
  const valid = rows - invalid;

  const emulator = spawn(process.execPath, ['--import', 'tsx', 'bench/bulk.ts', '--emulator-child'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const emulatorLines = createInterface({ input: emulator.stdout })[Symbol.asyncIterator]();
  const { url } = JSON.parse((await emulatorLines.next()).value as string) as { url: string };

  const workers = Number(values.workers);
  const stampsDir = join(dir, 'calls');
  await mkdir(stampsDir);
  // Loaded into the CLI and every worker: each API call attempt's client-side start time.
  const stamps = ['--import', pathToFileURL(join(ROOT, 'bench/lib/call-stamps.mjs')).href];
  const env = {
    ...process.env,
    ALISMS_BENCH_CALL_LOG: join(stampsDir, 'calls'),
    ALISMS_ENDPOINT: url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret',
  };
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `alismsbench${process.pid}`;
  const queueArgs = workers > 0 ? ['--queue', redisUrl, '--prefix', prefix] : ['--out', results];
  const cliBin = 'packages/cli/bin/alisms.js';
  const cli = spawn(
    process.execPath,
    [
      ...stamps,
      cliBin,
      'bulk',
      'send',
      input,
      '--sign',
      SIGN,
      '--template',
      TEMPLATE,
      '--qps',
      String(qps),
      '--concurrency',
      String(values.concurrency),
      ...queueArgs,
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let peak = 0;
  // RSS over the run, to show it stays flat rather than growing with the rows sent.
  const trace: number[] = [];
  const poll = setInterval(() => {
    void rssMb(cli.pid as number).then((mb) => {
      peak = Math.max(peak, mb.peak);
      if (mb.now > 0) trace.push(mb.now);
    });
  }, 200);
  let stdout = '';
  cli.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  cli.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  const started = Date.now();
  const code = (await once(cli, 'exit'))[0] as number;
  clearInterval(poll);
  if (workers > 0) {
    // The producer has enqueued every batch; N workers send them, then the results come from Redis.
    const perWorker = String(Math.max(1, Math.ceil(Number(values.concurrency) / workers)));
    const running = Array.from({ length: workers }, () =>
      spawn(
        process.execPath,
        [...stamps, cliBin, 'worker', '--redis', redisUrl, '--prefix', prefix, '--concurrency', perWorker],
        {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      ),
    );
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      emulator.stdin.write('report\n');
      const now = JSON.parse((await emulatorLines.next()).value as string) as { messages: number };
      if (now.messages >= valid) break;
    }
    for (const w of running) w.kill('SIGTERM');
    await Promise.all(running.map((w) => once(w, 'exit')));
    const job = /job (bq[0-9a-f]+)/.exec(stdout)?.[1] ?? '';
    const status = spawn(
      process.execPath,
      [cliBin, 'bulk', 'status', job, '--redis', redisUrl, '--prefix', prefix, '--out', results],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    status.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    await once(status, 'exit');
    const { Redis } = await import('ioredis');
    const redis = new Redis(redisUrl);
    for (let cursor = '0'; ; ) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
    redis.disconnect();
  }
  const wallS = (Date.now() - started) / 1000;

  emulator.stdin.write('report\n');
  const stats = JSON.parse((await emulatorLines.next()).value as string) as {
    messages: number;
    unique: number;
    repeated: number;
    calls: number;
    peak: number;
    sendRate: number;
  };
  emulator.stdin.end();
  await once(emulator, 'exit');

  const { maxInSlidingWindow } = await import('@alisms/bulk');
  const clientTimes: number[] = [];
  for (const name of await readdir(stampsDir)) {
    for (const line of (await readFile(join(stampsDir, name), 'utf8')).split('\n'))
      if (line) clientTimes.push(Number(line));
  }
  clientTimes.sort((a, b) => a - b);
  const clientPeak = maxInSlidingWindow(clientTimes);
  const clientSpan = ((clientTimes.at(-1) ?? 0) - (clientTimes[0] ?? 0)) / 1000;
  const clientRate = clientSpan > 0 ? (clientTimes.length - 1) / clientSpan : 0;

  const counts = new Map<string, number>();
  let resultRows = 0;
  for await (const line of createInterface({ input: createReadStream(results) })) {
    if (resultRows++ === 0) continue;
    const status = line.split(',')[2] ?? '';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  resultRows -= 1;
  // The rate as the emulator saw the calls arrive (first to last), whichever way they were sent.
  const calls = stats.calls;
  const rate = Number(stats.sendRate.toFixed(2));

  const checks = [
    ['exit code 0', code === 0, String(code)],
    ['peak RSS < 200 MB', peak > 0 && peak < 200, `${peak.toFixed(1)} MB`],
    [
      'achieved rate >= 95% of --qps',
      rate >= 0.95 * qps,
      `${rate} calls/s of ${qps} (${((rate / qps) * 100).toFixed(1)}%)`,
    ],
    [
      'peak sliding second of client call starts <= 110% of --qps',
      clientTimes.length > 0 && clientPeak <= 1.1 * qps,
      `${clientPeak} calls in the busiest sliding second (${((clientPeak / qps) * 100).toFixed(0)}% of --qps); ` +
        `${clientTimes.length} call attempts at ${clientRate.toFixed(2)} calls/s`,
    ],
    [
      'results file accounts for every row',
      resultRows === rows && counts.get('submitted') === valid && counts.get('invalid') === invalid,
      `${resultRows} rows: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    ],
    [
      'emulator got each valid row exactly once',
      stats.messages === valid && stats.unique === valid && stats.repeated === 0,
      `${stats.messages} messages, ${stats.unique} numbers, ${stats.repeated} repeated`,
    ],
  ] as const;
  process.stdout.write(
    `\nbulk bench: ${rows} rows (${invalid} invalid), --qps ${qps}, --concurrency ${values.concurrency}, ` +
      `${workers > 0 ? `${workers} queue workers` : 'in-process'}\n`,
  );
  const at = (f: number) => (trace[Math.min(trace.length - 1, Math.floor(f * trace.length))] ?? 0).toFixed(0);
  process.stdout.write(`CLI: ${stdout.trim()}\nwall ${wallS.toFixed(1)} s, ${calls} calls\n`);
  process.stdout.write(
    `RSS over the run (MB): 10% ${at(0.1)}, 25% ${at(0.25)}, 50% ${at(0.5)}, 75% ${at(0.75)}, 90% ${at(0.9)}\n`,
  );
  for (const [name, ok, detail] of checks) process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}\n`);
  process.stdout.write(
    `info  peak sliding second of emulator arrivals: ${stats.peak} calls (${((stats.peak / qps) * 100).toFixed(0)}% of --qps; ` +
      'the same calls as stamped by the emulator process, plus scheduling jitter between the two processes)\n',
  );
  if (!values.keep) await rm(dir, { recursive: true, force: true });
  else process.stdout.write(`kept ${dir}\n`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
}
