import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in `bench/lib/`). */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
