import { readFileSync } from 'node:fs';

/**
 * An include line: `--- @include "includes/rate-limits.lua"` on a line of its own (the path in single or
 * double quotes, relative to the including file). The form BullMQ uses for its command scripts.
 */
const INCLUDE_LINE = /^---[ \t]*@include[ \t]+(["'])(.+?)\1[ \t;]*$/gm;

/** Where a script could not be assembled: the chain of files that led there, and what went wrong. */
export class LuaIncludeError extends Error {
  override name = 'LuaIncludeError';
}

function fileName(file: URL): string {
  return decodeURIComponent(file.pathname.slice(file.pathname.lastIndexOf('/') + 1));
}

/**
 * Reads a Lua script and splices its includes in place of their `--- @include` lines, recursively, so
 * that logic shared by several scripts (the rate limits of `consume-n.lua` and `issue-code-n.lua`) is
 * written once yet each script still reaches Redis whole, as one EVAL. Each file is spliced at most
 * once per script (a second include of it is dropped), so includes may depend on each other freely.
 * A missing include or a cycle throws a {@link LuaIncludeError} naming the chain of files.
 *
 * Paths resolve against the including file's URL, so this works from the sources and from the built
 * package (the build copies `.lua` files, `includes/` folders too).
 *
 * @example
 * const source = loadLuaSource(new URL('./lua/consume-n.lua', import.meta.url));
 */
export function loadLuaSource(file: URL): string {
  return splice(file, [], new Set([file.href]));
}

/** `file` with its includes spliced; `chain` is the files that included it, outermost first. */
function splice(file: URL, chain: readonly URL[], included: Set<string>): string {
  const here = [...chain, file];
  const names = (files: readonly URL[]) => files.map(fileName).join(' → ');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new LuaIncludeError(`cannot read ${names(here)} (${code}): ${file.pathname}`, { cause: error });
  }
  return text.replace(INCLUDE_LINE, (_line, _quote, path: string) => {
    const target = new URL(path, file);
    if (here.some((f) => f.href === target.href))
      throw new LuaIncludeError(`include cycle: ${names([...here, target])}`);
    // Already spliced earlier in this script: its definitions are in scope.
    if (included.has(target.href)) return `-- ${path}: included above`;
    included.add(target.href);
    return splice(target, here, included).trimEnd();
  });
}
