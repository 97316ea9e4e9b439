#!/usr/bin/env node
// Runs every *.test.ts of every package (packages/*/src and packages/*/test) with node's own test runner
// through tsx, or only the files/folders given as arguments: `npm test -- packages/alisms/src/sign`.
// Package names resolve to their TypeScript sources through tsconfig.json's `paths` (tsx reads it, and
// child processes that tests start inherit TSX_TSCONFIG_PATH), so no build is needed.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function collect(path, out) {
  const stat = statSync(path);
  if (stat.isFile()) {
    if (path.endsWith('.test.ts')) out.push(path);
    return out;
  }
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    collect(join(path, entry), out);
  }
  return out;
}

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const roots = args.filter((a) => !a.startsWith('--'));
const defaults = readdirSync(join(root, 'packages')).flatMap((p) =>
  ['src', 'test'].map((d) => join('packages', p, d)).filter((d) => statSync(join(root, d), { throwIfNoEntry: false })),
);
const files = (roots.length ? roots : defaults).flatMap((r) => collect(r, [])).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// --test-timeout: no single test may hang the run (the slowest take about a minute on a busy machine);
// No --test-force-exit: it ends a file as soon as the tests known so far are done, so suites registered
// after a top-level await (the store-by-store harnesses) would silently not run.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...flags, ...files],
  {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
  },
);
process.exit(result.status ?? 1);
