import { createRequire } from 'node:module';

/** The built-ins the Node build loads on first use, by id. */
interface LazyBuiltins {
  'node:crypto': typeof import('node:crypto');
  'node:http': typeof import('node:http');
  'node:https': typeof import('node:https');
  'node:tls': typeof import('node:tls');
  'node:fs/promises': typeof import('node:fs/promises');
}

let requireBuiltin: ((id: string) => unknown) | undefined;

/**
 * A Node built-in, loaded the first time it is asked for rather than when `alisms` is imported: in
 * an ES module process node:crypto takes about 2.4 ms to load and node:http, node:https and node:tls
 * about 2 ms, which a process that imports the SDK pays only once a client signs and sends (or a
 * credentials source reads a file or asks a metadata server). `require` keeps each module: later
 * calls are a cache look-up.
 *
 * Loaded through `require`, not `process.getBuiltinModule`: tools that observe node:http by hooking
 * `require` (OpenTelemetry's instrumentation, APM agents) patch the module when it is required, and
 * must see the SDK's requests. Callers read functions off the module at call time for the same reason.
 */
export function nodeBuiltin<K extends keyof LazyBuiltins>(id: K): LazyBuiltins[K] {
  // Rooted anywhere: only built-ins are asked for, and they resolve from any folder.
  requireBuiltin ??= createRequire('/');
  return requireBuiltin(id) as LazyBuiltins[K];
}
