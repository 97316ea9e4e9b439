// `npm run bench:sdk`: alisms SmsClient (V3 and v1) against the official SDK, pop-core and two
// raw keep-alive ceilings, all sending SendSms to the same loopback server in another process.
// Each client runs in a process of its own per round (so CPU and RSS are its own); clients are
// alternated over the rounds and medians are reported, then the targets are checked.
//
// Options: --rounds N (5) --duration MS (2500) --warmup MS (500) --concurrency N (64)
//          --only kind,kind (see CLIENT_KINDS) --import-samples N (5: also the cold starts, import +
//          client + one SendSms, of alisms V3 and the official SDK) --check (exit 1 on a FAIL) --json
//          --latency MS (0): the server holds each answer MS ms, e.g. 50 for a realistic round trip;
//          the ratio targets apply to the run without latency only.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { RoundResult } from './lib/client-child.js';
import { CLIENT_KINDS, type ClientKind } from './lib/clients.js';
import { prepareBenchBuild } from './lib/prepare.js';
import { checkTargets, formatTable, type ImportTimes, LABELS, summarise } from './lib/report.js';
import { firstAnswerTime, importTime, runClient, startServer, type Timing } from './lib/run-child.js';
import { median } from './lib/stats.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '2500' },
    warmup: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '64' },
    latency: { type: 'string', default: '0' },
    only: { type: 'string' },
    'import-samples': { type: 'string', default: '5' },
    check: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const rounds = Number(values.rounds);
const runOptions = {
  durationMs: Number(values.duration),
  warmupMs: Number(values.warmup),
  concurrency: Number(values.concurrency),
};
const kinds: ClientKind[] = values.only
  ? values.only.split(',').map((k) => {
      const kind = CLIENT_KINDS.find((c) => c === k.trim());
      if (!kind) throw new Error(`unknown client "${k}"; one of ${CLIENT_KINDS.join(', ')}`);
      return kind;
    })
  : [...CLIENT_KINDS];

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const build = prepareBenchBuild();

type Side = 'alisms' | 'official';

/**
 * Median wall and CPU ms of `measure` in fresh processes, alisms and the official SDK taking turns so
 * that a noisy moment on the machine hits both sides.
 */
async function alternate(samples: number, measure: (side: Side) => Promise<Timing>): Promise<ImportTimes> {
  const wall = { alisms: [] as number[], official: [] as number[] };
  const cpu = { alisms: [] as number[], official: [] as number[] };
  for (let i = 0; i < samples; i++)
    for (const side of ['alisms', 'official'] as const) {
      const t = await measure(side);
      wall[side].push(t.wallMs);
      cpu[side].push(t.cpuMs);
    }
  return {
    alisms: median(wall.alisms),
    official: median(wall.official),
    alismsCpu: median(cpu.alisms),
    officialCpu: median(cpu.official),
  };
}

/** `import()` of each package by name, as a user imports it (the exports map leads Node to dist/index.js). */
const measureImports = (samples: number): Promise<ImportTimes> =>
  alternate(samples, (side) => importTime(side === 'alisms' ? 'alisms' : '@alicloud/dysmsapi20170525'));

/** A cold start: import, build the client, one SendSms answered by the server at `url`. */
const measureFirstAnswers = (url: string, samples: number): Promise<ImportTimes> =>
  alternate(samples, (side) => firstAnswerTime(build, side === 'alisms' ? 'alisms-v3' : 'official', url));
type FirstAnswers = ImportTimes;

const started = performance.now();
// Other work on the machine moves every figure: print the load next to the results.
const loadBefore = loadavg()[0] ?? 0;
const latencyMs = Number(values.latency);
const server = await startServer(build.childDir, latencyMs);
const results = new Map<ClientKind, RoundResult[]>(kinds.map((k) => [k, []]));
const failures = new Map<ClientKind, string>();
let firstAnswers: FirstAnswers | undefined;
try {
  for (let round = 0; round < rounds; round++) {
    // Rotate the order every round: whoever runs first meets a colder machine.
    const order = kinds.map((_, i) => kinds[(i + round) % kinds.length] as ClientKind);
    for (const kind of order) {
      if (failures.has(kind)) continue;
      try {
        const result = await runClient(build, kind, server.url, runOptions);
        results.get(kind)?.push(result);
        log(`round ${round + 1}/${rounds} ${LABELS[kind].padEnd(32)} ${result.rps.toFixed(0).padStart(6)} req/s`);
      } catch (error) {
        const stderr = String((error as { stderr?: unknown }).stderr ?? error).trim();
        failures.set(kind, stderr.split('\n').slice(0, 3).join(' | '));
        log(`round ${round + 1}/${rounds} ${LABELS[kind]} failed: ${failures.get(kind)}`);
      }
    }
  }
  try {
    firstAnswers = await measureFirstAnswers(server.url, Number(values['import-samples']));
  } catch (error) {
    log(`first answer not measured: ${String(error).split('\n')[0]}`);
  }
} finally {
  await server.stop();
}

let importMs: ImportTimes | undefined;
try {
  importMs = await measureImports(Number(values['import-samples']));
} catch (error) {
  log(`import time not measured: ${String(error).split('\n')[0]}`);
}

const summaries = kinds.filter((k) => (results.get(k)?.length ?? 0) > 0).map((k) => summarise(k, results.get(k) ?? []));
// At a simulated latency every client waits on the network: the ratio targets mean nothing there.
const checks = latencyMs > 0 ? [] : checkTargets(summaries, importMs);
const seconds = (performance.now() - started) / 1000;

if (values.json) {
  process.stdout.write(
    `${JSON.stringify({ runOptions, latencyMs, rounds, load: { before: loadBefore, after: loadavg()[0] }, summaries, importMs, firstAnswers, checks, failures: Object.fromEntries(failures) }, null, 2)}\n`,
  );
} else {
  const out: string[] = [];
  out.push(
    `SendSms over loopback keep-alive${latencyMs > 0 ? ` with ${latencyMs} ms of server latency` : ''}, concurrency ${runOptions.concurrency}, ${rounds} rounds × ${runOptions.durationMs} ms per client (medians), ${seconds.toFixed(0)} s total`,
    `machine: ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ${(loadavg()[0] ?? 0).toFixed(1)} after`,
    '',
    formatTable(summaries),
    '',
  );
  for (const s of summaries)
    if (s.firstError) out.push(`${LABELS[s.kind]}: ${s.errors} errors, first: ${s.firstError}`);
  for (const [kind, why] of failures) out.push(`${LABELS[kind]}: could not run: ${why}`);
  if (importMs)
    out.push(
      `import time (fresh process, median): alisms ${importMs.alisms.toFixed(1)} ms (CPU ${importMs.alismsCpu.toFixed(1)} ms), official ${importMs.official.toFixed(1)} ms (CPU ${importMs.officialCpu.toFixed(1)} ms)`,
    );
  if (firstAnswers)
    out.push(
      `first answer (fresh process: import, build the client, one SendSms answered; median): alisms ${firstAnswers.alisms.toFixed(1)} ms (CPU ${firstAnswers.alismsCpu.toFixed(1)} ms), official ${firstAnswers.official.toFixed(1)} ms (CPU ${firstAnswers.officialCpu.toFixed(1)} ms)`,
    );
  out.push('', 'targets:');
  for (const check of checks)
    out.push(`  ${check.info ? 'INFO' : check.pass ? 'PASS' : 'FAIL'}  ${check.name}  (${check.detail})`);
  process.stdout.write(`${out.join('\n')}\n`);
}
if (values.check && checks.some((c) => !c.pass && !c.info)) process.exitCode = 1;
