#!/usr/bin/env node
// Enforces the import rules between capability folders (docs/architecture.md) and the absence of
// cycles, over the compiled-from graph of src/ (tests excluded). Exits non-zero with every violation.
import madge from 'madge';

const ALLOWED = {
  core: [],
  sign: ['core'],
  credentials: ['core'],
  transport: ['core', 'sign', 'credentials'],
  sms: ['core', 'transport'],
  mail: ['core', 'transport'],
  facade: ['core', 'sms', 'mail'],
  limiter: ['core'],
  captcha: ['core', 'sign'],
  otp: ['core', 'limiter'],
  emulator: ['core', 'sign', 'limiter'],
  server: ['core', 'otp', 'limiter', 'captcha', 'sms', 'mail', 'credentials', 'transport', 'bulk'],
  bulk: ['core', 'sms'],
  queue: ['core', 'bulk', 'sms'],
  cli: null, // anything
};
// The `alisms/otp` package entry re-exports the captcha verifiers next to the library (the library
// itself reaches captcha only through its CaptchaVerifier port).
const ENTRY_EXTRAS = { 'src/otp/index.ts': ['captcha'] };
// The composition roots that may also reach the emulator (the `--emulator` mode).
const EMULATOR_ROOTS = [/^src\/server\/compose[^/]*\.ts$/, /^src\/server\/.*embedded-emulator[^/]*\.ts$/];

const folderOf = (file) => {
  const m = /^src\/([^/]+)\//.exec(file);
  return m ? m[1] : file === 'src/index.ts' ? 'index' : undefined;
};

const result = await madge('src', {
  fileExtensions: ['ts'],
  tsConfig: 'tsconfig.json',
  excludeRegExp: [/\.test\.ts$/],
  baseDir: '.',
});
const graph = result.obj();
const violations = [];
for (const [file, deps] of Object.entries(graph)) {
  const from = folderOf(file);
  if (!from) continue;
  for (const dep of deps) {
    const to = folderOf(dep);
    if (!to || to === from) continue;
    if (from === 'cli' || from === 'index') continue;
    if (to === 'cli') violations.push(`${file} -> ${dep}: nothing imports cli`);
    else if (from === 'server' && to === 'emulator' && EMULATOR_ROOTS.some((r) => r.test(file))) continue;
    else if ((ENTRY_EXTRAS[file] ?? []).includes(to)) continue;
    else if (!(ALLOWED[from] ?? []).includes(to)) violations.push(`${file} -> ${dep}: ${from} may not import ${to}`);
  }
}
const index = graph['src/index.ts'] ?? [];
for (const dep of index) {
  const to = folderOf(dep);
  if (!['core', 'sign', 'credentials', 'transport', 'sms', 'mail', 'facade'].includes(to)) {
    violations.push(`src/index.ts -> ${dep}: the SDK entry may only re-export SDK folders`);
  }
}
const cycles = result.circular();
for (const cycle of cycles) violations.push(`cycle: ${cycle.join(' -> ')}`);
if (violations.length) {
  console.error(`import rules broken (${violations.length}):\n  ${violations.join('\n  ')}`);
  process.exit(1);
}
console.log(`import rules hold over ${Object.keys(graph).length} files, no cycles`);
