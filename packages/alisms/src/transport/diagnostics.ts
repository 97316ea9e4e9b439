import { channel } from 'node:diagnostics_channel';
import type { RequestDiagnostics } from './diagnostics-types.js';

/**
 * `node:diagnostics_channel` channels the Node build publishes on, once per HTTP attempt (undici
 * and node:http do the same): a subscriber (OpenTelemetry, a logger) sees every request without the
 * SDK depending on it. Messages carry action, product, attempt, duration, requestId and error code,
 * never keys, signatures, phone numbers or template values.
 */
export const DIAGNOSTICS_CHANNELS = {
  start: 'alisms:request:start',
  end: 'alisms:request:end',
  error: 'alisms:request:error',
} as const;

const start = channel(DIAGNOSTICS_CHANNELS.start);
const end = channel(DIAGNOSTICS_CHANNELS.end);
const error = channel(DIAGNOSTICS_CHANNELS.error);

/** The publishers; `active` is false when nobody listens, so the hot path builds no message. */
export const requestDiagnostics: RequestDiagnostics = {
  get active() {
    return start.hasSubscribers || end.hasSubscribers || error.hasSubscribers;
  },
  start: (m) => start.publish(m),
  end: (m) => end.publish(m),
  error: (m) => error.publish(m),
};
