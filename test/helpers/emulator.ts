// Emulator tests' shared set-up: an emulator per suite, and SendSms with the built-in verification sign and template.
import { after, before } from 'node:test';
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from '@alisms/emulator';

/** The emulator's built-in verification sign and template (docs/architecture.md). */
export const TEST_SIGN = '阿里云短信测试';
export const TEST_TEMPLATE = 'SMS_154950909';

/** SendSms parameters of a verification code to `to` with the built-in sign and template. */
export function codeSmsParams(to = '13800138000', code = '1234'): Record<string, string> {
  return {
    PhoneNumbers: to,
    SignName: TEST_SIGN,
    TemplateCode: TEST_TEMPLATE,
    TemplateParam: JSON.stringify({ code }),
  };
}

/**
 * Starts an emulator before the enclosing suite's tests (or the file's, at top level) and closes it after.
 * The result reads like the `RunningEmulator` it wraps once the `before` hook has run.
 */
export function useEmulator(options: StartEmulatorOptions = {}): RunningEmulator {
  let running: RunningEmulator | undefined;
  const started = (): RunningEmulator => {
    if (!running) throw new Error('useEmulator: read before the before() hook ran');
    return running;
  };
  before(async () => {
    running = await startEmulator(options);
  });
  after(() => running?.close());
  return {
    get url() {
      return started().url;
    },
    get emulator() {
      return started().emulator;
    },
    close: () => started().close(),
  };
}
