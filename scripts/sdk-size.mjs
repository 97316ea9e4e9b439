#!/usr/bin/env node
// Bundles a file that imports only SmsClient from 'alisms' the way a Workers or edge user's bundler
// would (esbuild, workerd/worker/browser conditions, minified) and checks the size: at most 15 KB
// minified + gzipped. Run after the build: node scripts/sdk-size.mjs [--json]
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// Issue 9's limit. Sign and template management lives in SmsManagementClient, off SmsClient's class
// chain, so that a sender does not bundle it.
const LIMIT = 15 * 1024;

/** Bundles `contents` as a Workers user's bundler would: 'alisms' through node_modules and its exports. */
function bundleForWorkers(contents, metafile = false) {
  return build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    metafile,
    // Not through the repository's tsconfig paths, which point at the sources.
    tsconfigRaw: '{}',
  });
}

const result = await bundleForWorkers("import { SmsClient } from 'alisms';\nexport { SmsClient };\n", true);
const code = result.outputFiles[0].contents;
const gz = gzipSync(code, { level: 9 }).length;
const inputs = Object.keys(result.metafile.inputs);
const summary = {
  minified: code.length,
  gzip: gz,
  limit: LIMIT,
  from: inputs.filter((i) => i.includes('alisms')).join(', '),
};
if (process.argv.includes('--json')) console.log(JSON.stringify(summary));
else
  console.log(
    `SmsClient only, Web build: ${code.length} B minified, ${gz} B min+gz (limit ${LIMIT} B) from ${summary.from}`,
  );
if (gz > LIMIT) {
  console.error(`too big: ${gz} B min+gz is over ${LIMIT} B`);
  process.exit(1);
}

// Without keepNames, minification renames classes: every error class must still report its own name.
const errors = await bundleForWorkers("export * as sdk from 'alisms';\n");
const { sdk } = await import(
  `data:text/javascript;base64,${Buffer.from(errors.outputFiles[0].contents).toString('base64')}`
);
const wrong = [];
let checked = 0;
for (const [name, value] of Object.entries(sdk)) {
  if (typeof value !== 'function' || !/^[A-Z]\w*Error$/.test(name)) continue;
  // Construct without arguments where possible; the name is a class field, set by the constructor.
  let instance;
  try {
    instance = Reflect.construct(value, ['x', { code: 'X', requestSent: false }]);
  } catch {
    continue;
  }
  checked++;
  if (instance.name !== name) wrong.push(`${name} reports "${instance.name}"`);
}
if (wrong.length) {
  console.error(`error classes lose their name when minified: ${wrong.join(', ')}`);
  process.exit(1);
}
if (checked < 5) {
  console.error(`only ${checked} error classes could be checked`);
  process.exit(1);
}
console.log(`${checked} error classes keep their names when minified`);
