#!/usr/bin/env node
// The package checked as a package, after `npm run build`: the SDK entry loads with import and
// require and pulls in no third-party module; publint (strict) and arethetypeswrong find nothing.
//
//   node scripts/check-package.mjs                    the checks CI runs
//   node scripts/check-package.mjs --import-time [N]  only: median import time of `alisms` and of the
//                                                     official SDK, N fresh processes each (default 21)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);

const args = process.argv.slice(2);
if (args[0] === '--import-time') {
  measureImportTime(Number(args[1] ?? 21));
} else {
  runChecks();
}

function runChecks() {
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
  for (const folder of readdirSync('packages')) checkPackage(join('packages', folder));
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
