// The Web build's diagnostics.ts (chosen by scripts/build.mjs): edge runtimes have no
// node:diagnostics_channel, so nothing is published.
import type { RequestDiagnostics } from './diagnostics-types.js';

/** Channel names of the Node build (nothing is published in the Web build). */
export const DIAGNOSTICS_CHANNELS = {
  start: 'alisms:request:start',
  end: 'alisms:request:end',
  error: 'alisms:request:error',
} as const;

/** Publishes nothing. */
export const requestDiagnostics: RequestDiagnostics = {
  active: false,
  start() {},
  end() {},
  error() {},
};
