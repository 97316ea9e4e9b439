#!/usr/bin/env node
// Build, in one command:
//  - tsc: every entry as ES modules with declarations (dist/esm), the subpath entries' code (they read
//    Lua scripts and page assets beside their compiled files, copied here) and the bin;
//  - esbuild, meanwhile: the SDK entry `alisms` as one ESM file and one CommonJS file (dist/sdk). One
//    file loads several times faster than the ~90 small modules it gathers, and keeps `require('alisms')`.
//    It fails when anything but a Node built-in would be bundled or left external;
//  - the SDK's declarations copied as .d.cts beside the CommonJS file, for `require('alisms')` users.
import { execFile } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
rmSync('dist', { recursive: true, force: true });

const tsc = promisify(execFile)(process.execPath, [
  join('node_modules', 'typescript', 'bin', 'tsc'),
  '-p',
  'tsconfig.build.json',
]).catch((error) => {
  // tsc prints its diagnostics on stdout.
  process.stdout.write(String(error.stdout ?? ''));
  throw new Error('tsc failed');
});
const bundles = Promise.all([bundleSdk('esm', 'dist/sdk/index.js'), bundleSdk('cjs', 'dist/sdk/index.cjs')]);
await Promise.all([tsc, bundles]);

copyAssets('src', join('dist', 'esm', 'src'));
const bin = join('dist', 'esm', 'bin', 'alisms.js');
if (existsSync(bin)) chmodSync(bin, 0o755);
const declarations = writeCjsDeclarations(join('dist', 'esm', 'src'), join('dist', 'sdk'));
console.log(`built dist/esm (tsc), dist/sdk/index.js and index.cjs (esbuild), ${declarations} .d.cts files`);

/** Node built-ins, with and without the `node:` prefix (`node:test` and the like exist only prefixed). */
function isBuiltin(specifier) {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  return specifier.startsWith('node:') || builtinModules.includes(bare.split('/')[0]);
}

async function bundleSdk(format, outfile) {
  const result = await build({
    entryPoints: ['src/index.ts'],
    outfile,
    format,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // Readable stack traces: no minification, original function and class names, a source map.
    minify: false,
    keepNames: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'built-ins-only',
        setup(b) {
          // Relative imports are bundled (checked below to stay inside src/); anything else must be a built-in.
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            isBuiltin(args.path)
              ? // Written with the prefix, so that no package named like a built-in can stand in for it.
                { path: args.path.startsWith('node:') ? args.path : `node:${args.path}`, external: true }
              : {
                  errors: [
                    {
                      text: `"${args.path}" is not a Node built-in: the SDK entry must load no third-party module (imported by ${args.importer})`,
                    },
                  ],
                },
          );
        },
      },
    ],
  });
  const strays = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('src/'));
  const externals = Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((i) => i.external && !isBuiltin(i.path))
    .map((i) => i.path);
  if (strays.length || externals.length)
    throw new Error(
      `the SDK bundle must hold only src/ and import only Node built-ins: ${[...strays, ...externals].join(', ')}`,
    );
}

function copyAssets(from, to) {
  for (const entry of readdirSync(from)) {
    const src = join(from, entry);
    const dst = join(to, entry);
    if (statSync(src).isDirectory()) copyAssets(src, dst);
    else if (!entry.endsWith('.ts')) cpSync(src, dst);
  }
}

/**
 * tsc's declarations are ESM (the package is `"type": "module"`), so TypeScript would refuse them to a
 * CommonJS `require('alisms')`. The same declarations as .d.cts, with relative specifiers ending in .cjs,
 * are CommonJS types. Only the files reachable from index.d.ts are copied; returns how many.
 */
function writeCjsDeclarations(fromDir, toDir) {
  const seen = new Set();
  const visit = (dts) => {
    if (seen.has(dts)) return;
    seen.add(dts);
    const text = readFileSync(join(fromDir, dts), 'utf8').replace(/(['"])(\.\.?\/[^'"]*)\1/g, (_match, quote, spec) => {
      if (!spec.endsWith('.js')) throw new Error(`${dts}: relative import "${spec}" does not end in .js`);
      visit(join(dirname(dts), `${spec.slice(0, -3)}.d.ts`));
      return `${quote}${spec.slice(0, -3)}.cjs${quote}`;
    });
    const out = join(toDir, dts.replace(/\.d\.ts$/, '.d.cts'));
    if (relative(toDir, out).startsWith(`..${sep}`)) throw new Error(`${dts} lies outside the SDK folders`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
  };
  visit('index.d.ts');
  return seen.size;
}
