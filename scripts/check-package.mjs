#!/usr/bin/env node
// The package checked as a package, after `npm run build`: the SDK entry loads with import and
// require and pulls in no third-party module; publint (strict) and arethetypeswrong find nothing.
//
//   node scripts/check-package.mjs                    the checks CI runs
//   node scripts/check-package.mjs --import-time [N]  only: median import time of `alisms` and of the
//                                                     official SDK, N fresh processes each (default 21)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);

const args = process.argv.slice(2);
if (args[0] === '--import-time') {
  measureImportTime(Number(args[1] ?? 21));
} else {
  await runChecks();
}

async function runChecks() {
  process.chdir('packages/alisms');
  const checks = [
    [
      'esm import',
      `import('alisms').then((m) => { if (typeof m.percentEncode !== 'function') throw new Error('no export'); })`,
      'module',
    ],
    [
      'cjs require',
      `const m = require('alisms'); if (typeof m.percentEncode !== 'function') throw new Error('no export');`,
      'commonjs',
    ],
    [
      // dist/index.js loads dist/index.cjs through createRequire: import and require meet one module.
      'esm import and cjs require share one copy of every class',
      `import { createRequire } from 'node:module'; const esm = await import('alisms');
     if (esm.SmsClient !== createRequire(process.cwd() + '/')('alisms').SmsClient) throw new Error('two copies');`,
      'module',
    ],
    [
      'no third-party module under the SDK entry',
      `const Module = require('node:module'); const seen = [];
     const orig = Module._load; Module._load = function (req, ...rest) { seen.push(req); return orig.call(this, req, ...rest); };
     require('alisms');
     const third = seen.filter((r) => !r.startsWith('node:') && !r.startsWith('.') && !require('node:module').builtinModules.includes(r) && r !== 'alisms');
     if (third.length) throw new Error('third-party modules loaded: ' + third.join(', '));`,
      'commonjs',
    ],
  ];
  for (const [name, code, type] of checks) {
    execFileSync(process.execPath, ['--input-type', type, '-e', code], { stdio: 'inherit' });
    console.log(`ok - alisms: ${name}`);
  }
  process.chdir(root);
  await checkBundlers();
  for (const folder of readdirSync('packages')) checkPackage(join('packages', folder));
}

/**
 * Bundlers do not follow the createRequire of dist/index.js: the \`module\` export condition sends them
 * to dist/index.bundler.js. An esbuild bundle for Node of `import { SmsClient } from 'alisms'` must run
 * from a folder where no alisms package can be found, and the Web build must be chosen for browsers.
 */
async function checkBundlers() {
  const { buildSync } = await import('esbuild');
  const tmp = mkdtempSync(join(tmpdir(), 'alisms-bundle-'));
  try {
    const entry = join(tmp, 'entry.mjs');
    writeFileSync(
      entry,
      // Signing loads node:crypto on first use, through the bundle's own require.
      "import { SmsClient, signRpcV1 } from 'alisms';\nconst signature = signRpcV1({ method: 'POST', params: { Action: 'SendSms' }, accessKeySecret: 'b' });\nconsole.log(typeof new SmsClient({ accessKeyId: 'a', accessKeySecret: 'b' }).sendSms, signature.length);\n",
    );
    // The Node code is CommonJS (one copy for import and require): an ESM bundle of it needs a
    // \`require\` for the built-ins, which esbuild documents as this banner (docs/sdk.md says so too).
    const banner = {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    };
    for (const format of ['cjs', 'esm']) {
      const outfile = join(tmp, `out.${format === 'esm' ? 'mjs' : 'cjs'}`);
      buildSync({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: 'node',
        format,
        banner: format === 'esm' ? banner : undefined,
        nodePaths: [join(root, 'node_modules')],
        logLevel: 'error',
      });
      const printed = execFileSync(process.execPath, [outfile], { cwd: tmp, encoding: 'utf8' }).trim();
      if (printed !== 'function 28') throw new Error(`the ${format} bundle for Node printed ${printed}`);
      console.log(`ok - alisms: an esbuild bundle for Node (${format}) runs on its own`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** publint (strict) and arethetypeswrong on the tarball a user would install. */
function checkPackage(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  execFileSync(join(root, 'node_modules/.bin/publint'), ['--strict'], { stdio: 'inherit', cwd: dir });
  console.log(`ok - ${pkg.name}: publint`);
  // `alisms` must be right for every resolution mode (node10, node16 from CJS and ESM, bundlers); the
  // other packages are ESM-only by design (they load ioredis, BullMQ, Hono), so node10 and require()
  // are out of scope for them.
  const tmp = mkdtempSync(join(tmpdir(), 'alisms-pack-'));
  try {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { encoding: 'utf8', cwd: dir }),
    );
    const tarball = join(tmp, packed[0].filename);
    const profile = pkg.name === 'alisms' ? [] : ['--profile', 'esm-only'];
    execFileSync(join(root, 'node_modules/.bin/attw'), [tarball, ...profile, '--format', 'table-flipped'], {
      stdio: 'inherit',
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`ok - ${pkg.name}: arethetypeswrong`);
}

/**
 * The benchmark's method (bench/lib/run-child.ts): a fresh `node` per sample times `await import(x)`
 * with performance.now() and process.cpuUsage(); the two packages alternate so that a busy moment
 * on the machine hits both. `alisms` resolves by name through package.json `exports`.
 */
function measureImportTime(samples) {
  const side = (specifier) => {
    const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(specifier)});
const u = process.cpuUsage(c); console.log(JSON.stringify({ wallMs: performance.now() - t, cpuMs: (u.user + u.system) / 1000 }));`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
  };
  const sides = {
    alisms: 'alisms',
    official: '@alicloud/dysmsapi20170525',
  };
  const runs = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  for (let i = 0; i < samples; i++)
    for (const [name, specifier] of Object.entries(sides)) runs[name].push(side(specifier));
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const wall = (name) => median(runs[name].map((r) => r.wallMs));
  const cpu = (name) => median(runs[name].map((r) => r.cpuMs));
  console.log(`import time, median of ${samples} fresh processes (node ${process.version}):`);
  for (const name of Object.keys(sides)) {
    const share = ((wall(name) / wall('official')) * 100).toFixed(1);
    console.log(`  ${name}: ${wall(name).toFixed(1)} ms wall (${share}% of official), ${cpu(name).toFixed(1)} ms CPU`);
  }
}
