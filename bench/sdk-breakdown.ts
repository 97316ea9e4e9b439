// `npm run bench:sdk-breakdown`: where the client CPU of one alisms SendSms goes, against the loopback
// server of bench:sdk. In one process, taking turns in short slices (so that a shared machine's load
// falls on every row alike): raw node:http and alisms's node transport sending the same request signed
// once, SmsClient.sendSms with V3 and v1, and SendSms with an answer handed back at once (no network:
// the SDK's own work per call). The difference between rows is what a layer costs.
//
// Options: --slices N (15) --slice MS (300) --json

import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import type { BreakdownRow } from './lib/breakdown-child.js';
import { repoRoot } from './lib/paths.js';
import { prepareBenchBuild } from './lib/prepare.js';
import { startServer } from './lib/run-child.js';

const { values } = parseArgs({
  options: {
    slices: { type: 'string', default: '15' },
    slice: { type: 'string', default: '300' },
    json: { type: 'boolean', default: false },
  },
});

const build = prepareBenchBuild();
const loadBefore = loadavg()[0] ?? 0;
const server = await startServer(build.childDir);
let rows: BreakdownRow[];
try {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(build.childDir, 'breakdown-child.js'), server.url, String(values.slices), String(values.slice)],
    { cwd: repoRoot, env: { ...process.env, ALISMS_BENCH_ENTRY: build.alismsEntry }, maxBuffer: 1 << 20 },
  );
  rows = JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as BreakdownRow[];
} finally {
  await server.stop();
}
if (values.json)
  process.stdout.write(`${JSON.stringify({ load: { before: loadBefore, after: loadavg()[0] }, rows })}\n`);
else {
  const width = Math.max(...rows.map((r) => r.way.length));
  const lines = [
    `client CPU per SendSms, ${values.slices} slices × ${values.slice} ms per row taken in turns, concurrency 64 (medians)`,
    `machine: ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ${(loadavg()[0] ?? 0).toFixed(1)} after`,
    '',
    `${'way'.padEnd(width)}  CPU µs/req   req/s`,
    ...rows.map(
      (r) => `${r.way.padEnd(width)}  ${r.cpuUsPerRequest.toFixed(1).padStart(10)}  ${r.rps.toFixed(0).padStart(6)}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
