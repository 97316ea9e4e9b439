#!/usr/bin/env node
// The import rules of docs/architecture.md, checked over every package's sources (tests excluded):
//  - between packages: a package imports another only by its name, only if it declares it in its
//    package.json, and only along the allowed arrows (PACKAGE_RULES);
//  - inside a package: the folder rules (FOLDER_RULES), and no cycles;
//  - every import resolves: a relative import names a file that exists, a bare one is a Node built-in or a
//    declared dependency. Exits non-zero with every violation.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import madge from 'madge';

const root = resolve(import.meta.dirname, '..');
const PACKAGE_RULES = {
  alisms: [],
  '@alisms/emulator': ['alisms'],
  '@alisms/otp': ['alisms'],
  '@alisms/bulk': ['alisms'],
  '@alisms/server': ['alisms', '@alisms/otp', '@alisms/bulk', '@alisms/emulator'],
  '@alisms/cli': null, // anything; nothing imports it
};
/** Files of @alisms/server that may reach the emulator (the composition root of `--emulator`). */
const EMULATOR_ROOTS = [/^compose[^/]*\.ts$/, /embedded-emulator[^/]*\.ts$/];
/** Folder rules inside a package; a folder not listed may import only itself and the package root files. */
const FOLDER_RULES = {
  alisms: {
    core: [],
    sign: ['core'],
    credentials: ['core'],
    transport: ['core', 'sign', 'credentials'],
    sms: ['core', 'sign', 'transport'],
    mail: ['core', 'sign', 'transport'],
    dypns: ['core', 'sign', 'transport'],
    facade: ['core', 'sign', 'sms', 'mail'],
  },
  '@alisms/otp': { limiter: [], captcha: [] },
};

const violations = [];
const packages = readdirSync(join(root, 'packages')).filter((p) =>
  existsSync(join(root, 'packages', p, 'package.json')),
);
let fileCount = 0;
for (const folder of packages) {
  const dir = join(root, 'packages', folder);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
  const allowed = PACKAGE_RULES[pkg.name];
  if (allowed === undefined) violations.push(`packages/${folder}: ${pkg.name} has no rule in check-deps.mjs`);
  const src = join(dir, 'src');
  for (const file of walk(src)) {
    fileCount++;
    const rel = relative(src, file);
    const at = `packages/${folder}/src/${rel}`;
    // Comments (TSDoc examples import from package names) are not imports.
    const text = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const match of text.matchAll(
      /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm,
    )) {
      const spec = match[1] ?? match[2] ?? match[3];
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
        if (!existsSync(target)) violations.push(`${at}: "${spec}" does not resolve`);
        else if (!target.startsWith(src)) violations.push(`${at}: "${spec}" reaches outside its package`);
        else checkFolder(pkg.name, rel, relative(src, target), at);
        continue;
      }
      if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0])) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (name === pkg.name) violations.push(`${at}: imports its own package "${spec}" by name`);
      else if (!declared.has(name)) violations.push(`${at}: "${spec}" is not a declared dependency of ${pkg.name}`);
      else if (name === '@alisms/cli') violations.push(`${at}: nothing imports @alisms/cli`);
      else if (name in PACKAGE_RULES && allowed && !allowed.includes(name))
        violations.push(`${at}: ${pkg.name} may not import ${name}`);
      else if (name === '@alisms/emulator' && pkg.name === '@alisms/server' && !EMULATOR_ROOTS.some((r) => r.test(rel)))
        violations.push(`${at}: only the composition root of @alisms/server may import the emulator`);
    }
  }
  const graph = await madge(src, { fileExtensions: ['ts'], excludeRegExp: [/\.test\.ts$/], baseDir: src });
  for (const cycle of graph.circular()) violations.push(`packages/${folder}: cycle ${cycle.join(' -> ')}`);
}

function checkFolder(pkgName, from, to, at) {
  const rules = FOLDER_RULES[pkgName];
  if (!rules) return;
  const f = from.includes('/') ? from.split('/')[0] : undefined;
  const t = to.includes('/') ? to.split('/')[0] : undefined;
  if (f === undefined || f === t) return; // entry files at the package root may import any folder
  if (!(f in rules)) return;
  if (t === undefined) violations.push(`${at}: a folder may not import the package root (${to})`);
  else if (!rules[f].includes(t)) violations.push(`${at}: ${f} may not import ${t}`);
}

function* walk(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) yield path;
  }
}

if (violations.length) {
  console.error(`import rules broken (${violations.length}):\n  ${violations.join('\n  ')}`);
  process.exit(1);
}
console.log(`import rules hold over ${fileCount} files in ${packages.length} packages, no cycles`);
