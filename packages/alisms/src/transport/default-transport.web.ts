// The Web build's default-transport.ts (chosen by scripts/build.mjs): fetch, no Node built-in.
import { createFetchTransport } from './fetch-transport.js';
import type { HttpTransport } from './http-types.js';
import type { ClientOptions } from './options.js';

/** The transport a client owns when given none: fetch in the Web build. */
export function createDefaultTransport(options: ClientOptions): { send: HttpTransport; close(): void } {
  if (options.agent !== undefined || (options.proxy !== undefined && options.proxy !== false))
    throw new Error('agent and proxy are Node options: in this runtime, the platform fetch decides the route');
  return createFetchTransport({ maxResponseBytes: options.maxResponseBytes });
}
