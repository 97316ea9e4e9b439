// The server and client children run with plain `node`, not through the TypeScript loader the
// orchestrator uses: a loader would add its own memory and start-up time to every client measured.
// Their sources import only Node built-ins, packages by name and each other, so a per-file
// transpile into `dist/bench/` (inside the package, where `import 'alisms'` resolves to itself) is enough.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './ensure-built.js';

const CHILD_SOURCES = ['server.ts', 'clients.ts', 'client-child.ts', 'histogram.ts'] as const;

/** Transpiles the child scripts and returns the folder holding `server.js` and `client-child.js`. */
export function transpileChildren(): string {
  const outDir = join(repoRoot, 'dist', 'bench');
  mkdirSync(outDir, { recursive: true });
  for (const name of CHILD_SOURCES) {
    const source = readFileSync(join(repoRoot, 'bench', 'lib', name), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: name,
    });
    writeFileSync(join(outDir, name.replace(/\.ts$/, '.js')), outputText);
  }
  return outDir;
}
