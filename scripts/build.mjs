#!/usr/bin/env node
// Builds every package, in dependency order, into packages/<folder>/dist:
//  - alisms: esbuild bundles src/index.ts into one CommonJS file (one file loads several times faster
//    than the modules it gathers), and dist/index.js, the ES module entry, re-exports it by name: one
//    copy of the Node code, one copy of every class. It fails when anything but a Node built-in would be
//    bundled or left external. The Web build (src/index.web.ts, scripts/sdk-web-bundle.mjs) is one ESM
//    file that imports nothing. tsc writes the declarations (dist/types), which api-extractor rolls up
//    into dist/index.d.cts; dist/index.d.ts and dist/web/index.d.ts re-export it; dist/types goes;
//  - the other packages: tsc, one file per module, with the assets they read beside their code (Lua
//    scripts, the inbox page) copied next to the compiled files.
// Packages resolve each other through node_modules (npm workspaces) and the built declarations, so a
// package that is built before its dependencies fails here rather than in a user's project.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { runApiExtractor } from './lib/api-extractor.mjs';
import { bundleSdkWeb, squeezeWhitespace } from './sdk-web-bundle.mjs';

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
      bundleSdk(dir, 'cjs', join(dir, 'dist', 'index.cjs')),
      bundleSdkWeb(dir, join(dir, 'dist', 'web', 'index.js')).then(() =>
        squeezeWhitespace(join(dir, 'dist', 'web', 'index.js')),
      ),
    ]);
    writeEsmFacade(join(dir, 'dist'));
    runApiExtractor({ folder: name, entry: 'dist/types/index.d.ts', rollup: 'dist/index.d.cts', quiet: true });
    // The ESM types re-export the CommonJS ones (an ES module may import CommonJS types; the reverse
    // is refused): one copy of the declarations keeps the tarball under its 400 KB budget. The Web
    // build's types name the same declarations, less the Node-only ones that index.web.ts leaves out.
    writeFileSync(join(dir, 'dist', 'index.d.ts'), "export * from './index.cjs';\n");
    writeWebDeclarations(join(dir, 'src', 'index.web.ts'), join(dir, 'dist', 'web', 'index.d.ts'));
    rmSync(join(dir, 'dist', 'types'), { recursive: true });
    console.log(
      `built alisms: dist/index.cjs, web/index.js (esbuild), index.js + index.bundler.js (ESM facades), index.d.cts (rollup) (${Date.now() - started} ms)`,
    );
  } else {
    await tsc(dir);
    copyAssets(join(dir, 'src'), join(dir, 'dist'));
    console.log(`built @alisms/${name} (${Date.now() - started} ms)`);
  }
}

/**
 * On Node, `import 'alisms'` loads an ES module that re-exports the CommonJS bundle by name, so a process
 * that both imports and requires alisms holds one copy of every class (no dual-package hazard), and the
 * tarball carries the Node code once. The names are read from the built bundle itself.
 *
 * dist/index.js loads the bundle with `createRequire`: an `import` of a .cjs file makes Node start its
 * CommonJS export scanner (cjs-module-lexer, WebAssembly compiled at first use), which alone cost ~11 ms
 * of the 27 ms that `import 'alisms'` took in a fresh process. Bundlers do not follow `createRequire`,
 * so the `module` export condition (esbuild, webpack, Rollup and Vite honour it; Node does not) points
 * them to dist/index.bundler.js, the same names through a static `import`.
 */
function writeEsmFacade(distDir) {
  const names = Object.keys(createRequire(import.meta.url)(resolve(distDir, 'index.cjs'))).sort();
  if (names.length < 10) throw new Error(`the CommonJS bundle exports only ${names.length} names`);
  const list = `export const {\n${names.map((n) => `  ${n},`).join('\n')}\n} = sdk;\n`;
  writeFileSync(
    join(distDir, 'index.js'),
    `// The ES module entry of alisms on Node: the CommonJS bundle's exports, by name. Loaded through\n// createRequire so that Node does not scan the bundle for exports (see scripts/build.mjs).\nimport { createRequire } from 'node:module';\n\nconst sdk = createRequire(import.meta.url)('./index.cjs');\n\n${list}`,
  );
  writeFileSync(
    join(distDir, 'index.bundler.js'),
    `// The ES module entry of alisms for bundlers (the \`module\` export condition): the CommonJS\n// bundle's exports, by name, through an import a bundler follows.\nimport sdk from './index.cjs';\n\n${list}`,
  );
}

/** The Web entry's declarations: index.web.ts's export list, pointed at the rolled-up Node declarations. */
function writeWebDeclarations(webEntry, out) {
  const source = readFileSync(webEntry, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const exports = [...source.matchAll(/^export (type )?\{([^}]*)\} from '[^']+';$/gm)].map(
    ([, typeOnly, names]) => `export ${typeOnly ?? ''}{${names}} from '../index.js';`,
  );
  if (exports.length < 10) throw new Error(`${webEntry}: found only ${exports.length} export statements`);
  writeFileSync(
    out,
    `// The Web build's public names (src/index.web.ts); the declarations are the Node build's.\n${exports.join('\n')}\n`,
  );
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
    // White space only: names stay, so stack traces still name functions and classes, and the tarball
    // stays under its 400 KB budget. No source map: the tarball does not ship the sources. No keepNames:
    // its __name() calls count as side effects and defeat tree-shaking; error classes set their `name`.
    minifyWhitespace: true,
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
