// Builds the package when `dist/` is missing or older than the sources it comes from, so the
// package tests run against what `npm run build` would produce now.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in `bench/lib/`). */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** The files `npm run build` emits for the two SDK entries. */
export const BUILT_ENTRIES = [join('dist', 'esm', 'src', 'index.js'), join('dist', 'cjs', 'index.js')] as const;

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether `dist/` is missing an entry or older than any non-test file under `src/` and `bin/`. */
export function isBuildStale(root = repoRoot): boolean {
  const sources = Math.max(
    newestSourceMtime(join(root, 'src')),
    existsSync(join(root, 'bin')) ? newestSourceMtime(join(root, 'bin')) : 0,
  );
  return BUILT_ENTRIES.some((entry) => {
    const path = join(root, entry);
    return !existsSync(path) || statSync(path).mtimeMs < sources;
  });
}

/** Runs `npm run build` (through node, no shell) when {@link isBuildStale}; returns whether it built. */
export function ensureBuilt(root = repoRoot): boolean {
  if (!isBuildStale(root)) return false;
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const output =
      String((error as { stdout?: unknown }).stdout ?? '') + String((error as { stderr?: unknown }).stderr ?? '');
    throw new Error(`npm run build failed:\n${output.slice(0, 4000)}`);
  }
  return true;
}
