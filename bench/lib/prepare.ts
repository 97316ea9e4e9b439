// The server and client children run with plain `node`, not through the TypeScript loader the
// orchestrator uses: a loader would add its own memory and start-up time to every client measured.
// The child scripts are compiled, one file at a time, into a private folder under node_modules/.cache
// (they import built-ins, packages by name and each other). The SDK they load, and whose import time
// is measured, is the published one: packages/alisms/dist/index.js (the ES module entry that Node
// resolves for `import 'alisms'`), rebuilt first when a source file is newer than the build.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './paths.js';

const CHILD_SOURCES = [
  'server.ts',
  'clients.ts',
  'client-child.ts',
  'histogram.ts',
  'breakdown-child.ts',
  'first-answer-child.ts',
] as const;

export interface BenchBuild {
  /** Folder holding `server.js` and `client-child.js`. */
  childDir: string;
  /** Absolute path of the SDK's published ES module entry, imported by the alisms clients. */
  alismsEntry: string;
}

/** Newest modification time under `dir`, in ms. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Builds the SDK package when its build is missing or stale, and compiles the child scripts. */
export function prepareBenchBuild(): BenchBuild {
  const sdkDir = join(repoRoot, 'packages', 'alisms');
  const alismsEntry = join(sdkDir, 'dist', 'index.js');
  const bundle = join(sdkDir, 'dist', 'index.cjs');
  if (!existsSync(alismsEntry) || !existsSync(bundle) || newest(join(sdkDir, 'src')) > statSync(bundle).mtimeMs) {
    process.stderr.write('building the alisms package (its dist/ is missing or older than src/) …\n');
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), 'alisms'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const root = join(repoRoot, 'node_modules', '.cache', 'alisms-bench');
  rmSync(root, { recursive: true, force: true });
  const childDir = join(root, 'children');
  mkdirSync(childDir, { recursive: true });
  // Inside node_modules no package.json of ours applies: say that these .js files are ES modules.
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');

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
