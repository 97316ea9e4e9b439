#!/usr/bin/env node
// The package checked as a package: the SDK entry loads with import and require, pulls in no
// third-party module, and publint finds no error in package.json.
import { execFileSync } from 'node:child_process';

const checks = [
  ['esm import', `import('alisms').then((m) => { if (typeof m.percentEncode !== 'function') throw new Error('no export'); })`, 'module'],
  ['cjs require', `const m = require('alisms'); if (typeof m.percentEncode !== 'function') throw new Error('no export');`, 'commonjs'],
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
  console.log(`ok - ${name}`);
}
execFileSync('node_modules/.bin/publint', ['--strict'], { stdio: 'inherit' });
console.log('ok - publint');
