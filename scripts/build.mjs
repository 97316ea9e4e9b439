#!/usr/bin/env node
// Build: ESM (everything) with tsc, a CommonJS copy of the SDK entry for require('alisms'),
// and the non-TypeScript assets (Lua scripts, inbox page) copied beside the compiled files.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const tsc = join('node_modules', 'typescript', 'bin', 'tsc');
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.cjs.json'], { stdio: 'inherit' });
writeFileSync(join('dist', 'cjs', 'package.json'), '{ "type": "commonjs" }\n');

function copyAssets(from, to) {
  for (const entry of readdirSync(from)) {
    const src = join(from, entry);
    const dst = join(to, entry);
    if (statSync(src).isDirectory()) copyAssets(src, dst);
    else if (!entry.endsWith('.ts')) cpSync(src, dst);
  }
}
copyAssets('src', join('dist', 'esm', 'src'));
const bin = join('dist', 'esm', 'bin', 'alisms.js');
if (existsSync(bin)) chmodSync(bin, 0o755);
console.log('built dist/esm and dist/cjs');
