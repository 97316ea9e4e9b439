// TSDoc coverage of the public entries: every symbol an entry exports needs a doc comment on its
// declaration. Read from the sources (no build needed), through TypeScript's own resolution of the
// re-exports, so a name re-exported under an alias is checked at its declaration.
import { join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * Returns `[{ entry, name }]` for every exported symbol without TSDoc in the given source entries
 * (paths relative to the repository root, e.g. `packages/otp/src/index.ts`), and the number of
 * exported symbols checked.
 */
export function undocumentedExports(entries) {
  const files = entries.map((e) => join(root, e));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const missing = [];
  let checked = 0;
  for (const [i, file] of files.entries()) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${entries[i]}: not a module TypeScript can read`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      checked++;
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.declarations ?? [];
      const documented = declarations.some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
      if (!documented) missing.push({ entry: entries[i], name: exported.name });
    }
  }
  return { missing, checked };
}
