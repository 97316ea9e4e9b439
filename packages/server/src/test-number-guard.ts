import { ConfigError } from './config/config-error.js';
import type { ResolvedService } from './tenants.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/** The host of an endpoint written as a URL or as `HOST:PORT`. */
function hostOf(endpoint: string): string {
  try {
    return new URL(/^[a-z]+:\/\//i.test(endpoint) ? endpoint : `http://${endpoint}`).hostname;
  } catch {
    return endpoint;
  }
}

/**
 * Whether the SMS client talks to something that can only be a local stand-in: the embedded emulator
 * (`--emulator`) or an endpoint on loopback. Anything else, the default Aliyun endpoint included, counts as
 * production: a proxy in front of Aliyun must not pass for an emulator.
 */
export function talksToEmulator(options: { emulator: boolean; endpoint: string | undefined }): boolean {
  if (options.emulator) return true;
  return options.endpoint !== undefined && LOOPBACK.test(hostOf(options.endpoint));
}

/**
 * Refuses test numbers (fixed codes anyone who knows them can use) when the service talks to the real Aliyun,
 * unless `otp.allowTestNumbersInProduction` says that is meant (an app-store review account).
 */
export function guardTestNumbers(
  services: readonly ResolvedService[],
  options: { emulator: boolean; endpoint: string | undefined; allowInProduction: boolean },
): void {
  if (options.allowInProduction || talksToEmulator(options)) return;
  const withNumbers = services.filter((s) => Object.keys(s.testNumbers).length > 0);
  if (withNumbers.length === 0) return;
  throw new ConfigError(
    'otp',
    withNumbers.map(
      (s) =>
        `${s.name === 'default' ? 'otp' : `services.${s.name}`}.testNumbers: test numbers sign in with a fixed code, and this service talks to the real Aliyun (sms.endpoint ${options.endpoint ?? 'not set'}); remove them, or set otp.allowTestNumbersInProduction: true if that is meant (e.g. an app-store review account)`,
    ),
  );
}
