// The server and client children run with plain `node`, not through the TypeScript loader the
// orchestrator uses: a loader would add its own memory and start-up time to every client measured.
// Everything they run is compiled into a private folder under node_modules/.cache, so the benchmark
// neither needs nor disturbs `dist/` (which `npm run build` deletes and rewrites):
//  - the SDK entry bundled into one file with esbuild, as the package build does;
//  - the child scripts, one file at a time (they import built-ins, packages by name and each other).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import ts from 'typescript';
import { repoRoot } from './paths.js';

const CHILD_SOURCES = ['server.ts', 'clients.ts', 'client-child.ts', 'histogram.ts', 'breakdown-child.ts'] as const;

export interface BenchBuild {
  /** Folder holding `server.js` and `client-child.js`. */
  childDir: string;
  /** Absolute path of the compiled SDK entry (`index.js`), imported by the alisms clients. */
  alismsEntry: string;
}

/** Bundles the SDK entry and compiles the child scripts. */
export function prepareBenchBuild(): BenchBuild {
  const root = join(repoRoot, 'node_modules', '.cache', 'alisms-bench');
  rmSync(root, { recursive: true, force: true });
  const childDir = join(root, 'children');
  const sdkDir = join(root, 'sdk');
  mkdirSync(childDir, { recursive: true });
  // Inside node_modules no package.json of ours applies: say that these .js files are ES modules.
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');

  // The SDK as the package ships it: one esbuild bundle of src/index.ts with the options of
  // scripts/build.mjs (so the import time measured is the published one).
  mkdirSync(sdkDir, { recursive: true });
  const alismsEntry = join(sdkDir, 'index.js');
  buildSync({
    entryPoints: [join(repoRoot, 'packages', 'alisms', 'src', 'index.ts')],
    outfile: alismsEntry,
    format: 'esm',
    bundle: true,
    platform: 'node',
    target: 'node20',
    minify: false,
    keepNames: true,
    packages: 'external',
    logLevel: 'error',
  });

  for (const name of CHILD_SOURCES) {
    const source = readFileSync(join(repoRoot, 'bench', 'lib', name), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: name,
    });
    writeFileSync(join(childDir, name.replace(/\.ts$/, '.js')), outputText);
  }
  return { childDir, alismsEntry };
}
