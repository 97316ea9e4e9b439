import { nodeBuiltin } from '../core/node-builtin.js';
import { CredentialsSourceError } from './credentials-source-error.js';

/** The file's text, or `undefined` when it does not exist; any other read failure names the source. */
export async function readOptionalFile(path: string, source: string): Promise<string | undefined> {
  try {
    return await nodeBuiltin('node:fs/promises').readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new CredentialsSourceError(source, `cannot read the file (${code ?? 'unknown error'})`, { cause: error });
  }
}
