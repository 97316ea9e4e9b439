#!/usr/bin/env node
// The `alisms` command. Installed from npm it runs the built CLI (dist/); in a clone of the repository
// it runs the TypeScript sources through tsx, so `npx alisms` works right after `npm ci`, with no build
// and never from a stale one.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/main.ts', import.meta.url);
const repoTsconfig = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
if (existsSync(source) && existsSync(repoTsconfig)) {
  process.env.TSX_TSCONFIG_PATH ??= repoTsconfig;
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/main.js', import.meta.url).href);
}
