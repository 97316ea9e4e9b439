// `npm run bench:bulk` (node --import tsx bench/bulk.ts): a million recipients through the emulator.
// The emulator runs in a child process (its memory and CPU are not the CLI's); the CLI
// `alisms bulk send` runs in another, and its peak RSS is read from /proc (VmHWM).
// Checks: peak RSS < 200 MB, achieved calls/s >= 95% of --qps, every row in the results file,
// every valid row received by the emulator exactly once.
//
// Options: --rows N (1000000) --qps N (100) --concurrency N (16) --keep (keep the temp dir)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    qps: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '16' },
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
  running.emulator.store.subscribe((event) => {
    if (event.type !== 'message') return;
    messages += 1;
    if (seen.has(event.message.to)) repeated += 1;
    else seen.add(event.message.to);
  });
  process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === 'report')
      process.stdout.write(`${JSON.stringify({ messages, unique: seen.size, repeated })}\n`);
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

  const cli = spawn(
    process.execPath,
    [
      'packages/cli/bin/alisms.js',
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
      '--out',
      results,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ALISMS_ENDPOINT: url,
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
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
  const wallS = (Date.now() - started) / 1000;

  emulator.stdin.write('report\n');
  const stats = JSON.parse((await emulatorLines.next()).value as string) as {
    messages: number;
    unique: number;
    repeated: number;
  };
  emulator.stdin.end();
  await once(emulator, 'exit');

  const counts = new Map<string, number>();
  let resultRows = 0;
  for await (const line of createInterface({ input: createReadStream(results) })) {
    if (resultRows++ === 0) continue;
    const status = line.split(',')[2] ?? '';
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  resultRows -= 1;
  const m = /(\d+) calls in ([\d.]+) s \(([\d.]+) calls\/s\)/.exec(stdout);
  const calls = Number(m?.[1] ?? 0);
  const rate = Number(m?.[3] ?? 0);

  const checks = [
    ['exit code 0', code === 0, String(code)],
    ['peak RSS < 200 MB', peak > 0 && peak < 200, `${peak.toFixed(1)} MB`],
    [
      'achieved rate >= 95% of --qps',
      rate >= 0.95 * qps,
      `${rate} calls/s of ${qps} (${((rate / qps) * 100).toFixed(1)}%)`,
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
    `\nbulk bench: ${rows} rows (${invalid} invalid), --qps ${qps}, --concurrency ${values.concurrency}\n`,
  );
  const at = (f: number) => (trace[Math.min(trace.length - 1, Math.floor(f * trace.length))] ?? 0).toFixed(0);
  process.stdout.write(`CLI: ${stdout.trim()}\nwall ${wallS.toFixed(1)} s, ${calls} calls\n`);
  process.stdout.write(
    `RSS over the run (MB): 10% ${at(0.1)}, 25% ${at(0.25)}, 50% ${at(0.5)}, 75% ${at(0.75)}, 90% ${at(0.9)}\n`,
  );
  for (const [name, ok, detail] of checks) process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}\n`);
  if (!values.keep) await rm(dir, { recursive: true, force: true });
  else process.stdout.write(`kept ${dir}\n`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
}
