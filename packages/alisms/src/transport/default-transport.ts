import type { Agent } from 'node:http';
import type { HttpTransport } from './http-types.js';
import { createNodeHttpTransport } from './node-http.js';
import type { ClientOptions } from './options.js';

/** The transport a client owns when given none: node:http in the Node build (fetch in the Web build). */
export function createDefaultTransport(options: ClientOptions): { send: HttpTransport; close(): void } {
  return createNodeHttpTransport({
    maxSockets: options.maxSockets,
    keepAliveTimeout: options.keepAliveTimeout,
    maxResponseBytes: options.maxResponseBytes,
    agent: options.agent as Agent | undefined,
    proxy: options.proxy,
    env: options.env,
  });
}
