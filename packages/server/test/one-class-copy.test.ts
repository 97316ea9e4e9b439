// Each class exists once across the packages: they import the SDK by its name, so an error the SDK
// throws inside @alisms/otp (or an error class of otp, bulk, server or the emulator built on the SDK's
// base) is `instanceof` the class a program imports from `alisms`. A package that bundled or
// deep-imported its own copy of the SDK would fail here. scripts/check-install.mjs runs the same
// assertions against the installed tarballs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JournalMismatchError } from '@alisms/bulk';
import { DEFAULT_ACCESS_KEY, DEFAULT_SIGN, type RunningEmulator, startEmulator } from '@alisms/emulator';
import { createMemoryOtpStore, createOtp, StoreUnavailableError } from '@alisms/otp';
import { ConfigError } from '@alisms/server';
import { AlismsError, AliyunApiError, InvalidArgumentError, SmsClient } from 'alisms';

let emulator: RunningEmulator;
before(async () => {
  emulator = await startEmulator({ port: 0 });
});
after(() => emulator.close());

/** An OTP service whose SMS sender is an `SmsClient` on the emulator, sending `templateCode`. */
function otpSendingWith(templateCode: string, phoneNumbers?: string) {
  const sms = new SmsClient({
    endpoint: emulator.url,
    accessKeyId: DEFAULT_ACCESS_KEY.id,
    accessKeySecret: DEFAULT_ACCESS_KEY.secret,
    retries: 0,
  });
  const sendSms = async (to: string, code: string) =>
    sms.sendSms({
      phoneNumbers: phoneNumbers ?? to,
      signName: DEFAULT_SIGN.name,
      templateCode,
      templateParam: { code },
    });
  return createOtp({
    secret: 'one-class-copy-test-secret-of-32-chars-or-more',
    store: createMemoryOtpStore(),
    sender: { sendSms, sendEmail: sendSms },
  });
}

describe('one copy of each class across the packages (source layout)', () => {
  it('an Aliyun error the SDK throws inside @alisms/otp is an AliyunApiError from alisms', async () => {
    const otp = otpSendingWith('SMS_000000000'); // a template the emulator does not know
    const result = await otp.send({ to: '13800138000', channel: 'sms', purpose: 'login', ip: '203.0.113.7' });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.reason === 'delivery_failed', JSON.stringify(result));
    assert.ok(result.error instanceof AliyunApiError, `got ${(result.error as Error)?.constructor?.name}`);
    assert.ok(result.error instanceof AlismsError);
  });

  it("an argument error the SDK raises inside @alisms/otp's sender is an InvalidArgumentError from alisms", async () => {
    const otp = otpSendingWith('SMS_154950909', 'not a number');
    const result = await otp.send({ to: '13800138000', channel: 'sms', purpose: 'login', ip: '203.0.113.8' });
    assert.ok(!result.ok && result.reason === 'delivery_failed', JSON.stringify(result));
    assert.ok(result.error instanceof InvalidArgumentError, `got ${(result.error as Error)?.constructor?.name}`);
  });

  it('@alisms/otp throws the InvalidArgumentError of alisms for a bad request', async () => {
    const otp = otpSendingWith('SMS_154950909');
    await assert.rejects(
      otp.send({ to: '13800138000', channel: 'sms', purpose: 'login', ip: 'not an ip' }),
      (error) => error instanceof InvalidArgumentError,
    );
  });

  it('the error classes of otp, bulk and server extend the AlismsError of alisms', () => {
    for (const error of [
      new StoreUnavailableError('redis down'),
      new JournalMismatchError('job.journal', 'input'),
      new ConfigError('alisms.yaml', ['port: expected a number']),
    ]) {
      assert.ok(error instanceof AlismsError, `${error.name} is not an AlismsError from alisms`);
    }
  });
});
