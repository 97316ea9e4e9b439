#!/usr/bin/env node
// Builds every package, in dependency order, into packages/<folder>/dist:
//  - alisms: esbuild bundles src/index.ts into one ESM file and one CommonJS file (one file loads several
//    times faster than the modules it gathers, and keeps `require('alisms')`); it fails when anything but
//    a Node built-in would be bundled or left external. tsc writes the declarations (dist/types), copied
//    as .d.cts beside the CommonJS file for `require('alisms')` users;
//  - the other packages: tsc, one file per module, with the assets they read beside their code (Lua
//    scripts, the inbox page) copied next to the compiled files.
// Packages resolve each other through node_modules (npm workspaces) and the built declarations, so a
// package that is built before its dependencies fails here rather than in a user's project.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { bundleSdkWeb } from './sdk-web-bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const run = promisify(execFile);

/** Each level builds in parallel; a level needs the ones before it. */
const LEVELS = [['alisms'], ['emulator', 'otp', 'bulk'], ['server'], ['cli']];
const only = process.argv.slice(2);

for (const level of LEVELS) {
  await Promise.all(level.filter((p) => only.length === 0 || only.includes(p)).map(buildPackage));
}

async function buildPackage(name) {
  const dir = join('packages', name);
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const started = Date.now();
  if (name === 'alisms') {
    await Promise.all([
      tsc(dir),
      bundleSdk(dir, 'esm', join(dir, 'dist', 'index.js')),
      bundleSdk(dir, 'cjs', join(dir, 'dist', 'index.cjs')),
      bundleSdkWeb(dir, join(dir, 'dist', 'web', 'index.js')),
    ]);
    const n = writeCjsDeclarations(join(dir, 'dist', 'types'), join(dir, 'dist'));
    console.log(
      `built alisms: dist/index.js, index.cjs, web/index.js (esbuild), ${n} .d.cts files (${Date.now() - started} ms)`,
    );
  } else {
    await tsc(dir);
    copyAssets(join(dir, 'src'), join(dir, 'dist'));
    console.log(`built @alisms/${name} (${Date.now() - started} ms)`);
  }
}

async function tsc(dir) {
  await run(process.execPath, [
    join('node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    join(dir, 'tsconfig.build.json'),
  ]).catch((error) => {
    // tsc prints its diagnostics on stdout.
    process.stdout.write(String(error.stdout ?? ''));
    throw new Error(`tsc failed for ${dir}`);
  });
}

/** Node built-ins, with and without the `node:` prefix (`node:test` and the like exist only prefixed). */
function isBuiltin(specifier) {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  return specifier.startsWith('node:') || builtinModules.includes(bare.split('/')[0]);
}

async function bundleSdk(dir, format, outfile) {
  const src = join(dir, 'src');
  const result = await build({
    entryPoints: [join(src, 'index.ts')],
    outfile,
    format,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // Readable stack traces: no minification. No source map: the tarball does not ship the sources.
    // No keepNames: its __name() calls count as side effects and defeat tree-shaking; error classes
    // set their `name` themselves.
    minify: false,
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
                      text: `"${args.path}" is not a Node built-in: the SDK must load no third-party module (imported by ${args.importer})`,
                    },
                  ],
                },
          );
        },
      },
    ],
  });
  const strays = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith(`${src}/`));
  const externals = Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((i) => i.external && !isBuiltin(i.path))
    .map((i) => i.path);
  if (strays.length || externals.length)
    throw new Error(
      `the SDK bundle must hold only ${src} and import only Node built-ins: ${[...strays, ...externals].join(', ')}`,
    );
}

function copyAssets(from, to) {
  for (const entry of readdirSync(from)) {
    const src = join(from, entry);
    const dst = join(to, entry);
    if (statSync(src).isDirectory()) copyAssets(src, dst);
    else if (!entry.endsWith('.ts')) {
      mkdirSync(dirname(dst), { recursive: true });
      cpSync(src, dst);
    }
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
