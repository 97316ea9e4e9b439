import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import * as Sms from '@alicloud/dysmsapi20170525';
import * as OpenApi from '@alicloud/openapi-client';
import { isThrottlingError, SmsClient } from 'alisms';
import { TEST_SIGN, TEST_TEMPLATE, useEmulator } from '../../../test/helpers/emulator.js';
import { callAliyun } from '../src/testing/signed-request.js';

// The official package is CommonJS with a `default` class export; ESM sees it one level down.
// biome-ignore lint/suspicious/noExplicitAny: the SDK class is untyped through this interop
const OfficialSms = ((Sms as any).default?.default ?? (Sms as any).default) as any;

const SEND = {
  phoneNumbers: '13800138000',
  signName: TEST_SIGN,
  templateCode: TEST_TEMPLATE,
  templateParam: { code: '1234' },
};

describe('Throttling faults carry x-acs-retry-after (ms), read alike by the emulator, alisms and the official client', () => {
  const running = useEmulator({ delivery: false, config: { flowControl: { enabled: false } } });
  beforeEach(() => running.emulator.faults.clear());

  const addFault = async (fault: Record<string, unknown>) => {
    const res = await fetch(`${running.url}/_emulator/api/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'SendSms', kind: 'throttling', ...fault }),
    });
    assert.equal(res.status, 201);
  };

  it('the header is the fault ms, 1000 without one', async () => {
    await addFault({ ms: 750, count: 1 });
    const hinted = await callAliyun(running.url, { action: 'SendSms', params: {} });
    assert.equal(hinted.status, 400);
    assert.equal(hinted.json.Code, 'Throttling.User');
    assert.equal(hinted.headers['x-acs-retry-after'], '750');
    await addFault({ count: 1 });
    const fallback = await callAliyun(running.url, { action: 'SendSms', params: {} });
    assert.equal(fallback.headers['x-acs-retry-after'], '1000');
  });

  it('no header on other answers', async () => {
    await addFault({ kind: 'http5xx', count: 1 });
    const failed = await callAliyun(running.url, { action: 'SendSms', params: {} });
    assert.equal(failed.status, 503);
    assert.equal(failed.headers['x-acs-retry-after'], undefined);
  });

  it('alisms: ThrottlingError.retryAfterMs is the hint, and the retry waits exactly that long', async () => {
    await addFault({ ms: 1234, count: 1 });
    const noRetry = new SmsClient({ endpoint: running.url, accessKeyId: 'testid', accessKeySecret: 'testsecret' });
    const error = await noRetry.sendSms(SEND, { retries: 0 }).then(
      () => assert.fail('expected a ThrottlingError'),
      (e: unknown) => e,
    );
    assert.ok(isThrottlingError(error));
    assert.equal(error.code, 'Throttling.User');
    assert.equal(error.retryAfterMs, 1234);

    await addFault({ ms: 321, count: 1 });
    const waits: number[] = [];
    const retrying = new SmsClient({
      endpoint: running.url,
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const sent = await retrying.sendSms(SEND);
    assert.match(sent.bizId, /\S/);
    assert.deepEqual(waits, [321]);
  });

  it('the official client reads the same header into ThrottlingError.retryAfter', async () => {
    await addFault({ ms: 2500, count: 1 });
    const client = new OfficialSms(
      new OpenApi.Config({
        accessKeyId: 'testid',
        accessKeySecret: 'testsecret',
        endpoint: running.url.replace('http://', ''),
        protocol: 'http',
      }),
    );
    const error = (await client
      .sendSms(
        new Sms.SendSmsRequest({
          phoneNumbers: SEND.phoneNumbers,
          signName: SEND.signName,
          templateCode: SEND.templateCode,
          templateParam: JSON.stringify(SEND.templateParam),
        }),
      )
      .then(
        () => assert.fail('expected a throttling error'),
        (e: unknown) => e,
      )) as { code?: string; retryAfter?: number };
    assert.equal(error.code, 'Throttling.User');
    assert.equal(error.retryAfter, 2500);
  });
});
