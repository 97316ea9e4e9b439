import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared spec folder: `$ALISMS_SPEC_DIR`, else `../shared/spec` beside the checkout. */
export function specDir(): string {
  const dir = process.env.ALISMS_SPEC_DIR ?? join(repoRoot, '..', 'shared', 'spec');
  if (!existsSync(dir)) throw new Error(`spec folder not found at ${dir}: set ALISMS_SPEC_DIR`);
  return dir;
}

export function readSpecJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(specDir(), name), 'utf8')) as T;
}

export function readSpecLines<T>(name: string): T[] {
  return readFileSync(join(specDir(), name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export { repoRoot };
