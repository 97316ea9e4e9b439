// The server and client children run with plain `node`, not through the TypeScript loader the
// orchestrator uses: a loader would add its own memory and start-up time to every client measured.
// Everything they run is compiled into a private folder under node_modules/.cache, so the benchmark
// neither needs nor disturbs `dist/` (which `npm run build` deletes and rewrites):
//  - the SDK entry and what it imports (Node built-ins only), with tsc, as the package build does;
//  - the child scripts, one file at a time (they import built-ins, packages by name and each other).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './ensure-built.js';

const CHILD_SOURCES = ['server.ts', 'clients.ts', 'client-child.ts', 'histogram.ts'] as const;

export interface BenchBuild {
  /** Folder holding `server.js` and `client-child.js`. */
  childDir: string;
  /** Absolute path of the compiled SDK entry (`index.js`), imported by the alisms clients. */
  alismsEntry: string;
}

/** Compiles the SDK entry and the child scripts; throws with tsc's output when the entry was not emitted. */
export function prepareBenchBuild(): BenchBuild {
  const root = join(repoRoot, 'node_modules', '.cache', 'alisms-bench');
  rmSync(root, { recursive: true, force: true });
  const childDir = join(root, 'children');
  const sdkDir = join(root, 'sdk');
  mkdirSync(childDir, { recursive: true });
  // Inside node_modules no package.json of ours applies: say that these .js files are ES modules.
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');

  const tsconfig = join(root, 'tsconfig.json');
  const config = {
    extends: join(repoRoot, 'tsconfig.json'),
    compilerOptions: {
      noEmit: false,
      rootDir: join(repoRoot, 'src'),
      outDir: sdkDir,
      declaration: false,
      sourceMap: false,
    },
    include: [],
    files: [join(repoRoot, 'src', 'index.ts')],
  };
  writeFileSync(tsconfig, JSON.stringify(config));
  const alismsEntry = join(sdkDir, 'index.js');
  try {
    execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // tsc still emits when types are wrong; only a missing entry stops the benchmark.
    if (!existsSync(alismsEntry))
      throw new Error(`compiling the SDK failed:\n${String((error as { stdout?: unknown }).stdout)}`);
  }

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
