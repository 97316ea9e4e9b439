// DypnsClient: validation before any I/O, the wire parameters, and a round trip against the emulator
// with both signature versions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { DypnsClient, type HttpRequest, isAliyunApiError, isInvalidArgumentError } from '../src/index.js';

const SIGN = '速通互联验证码';

/** A client whose transport records the request and answers `body`. */
function recording(body: Record<string, unknown>) {
  const requests: HttpRequest[] = [];
  const client = new DypnsClient({
    accessKeyId: 'testid',
    accessKeySecret: 'testsecret',
    endpoint: 'http://127.0.0.1:9',
    retries: 0,
    transport: async (request) => {
      requests.push(request);
      return { status: 200, headers: {}, body: JSON.stringify({ RequestId: 'R-1', ...body }) };
    },
  });
  const query = () => new URLSearchParams((requests[0]?.path ?? '').split('?')[1] ?? '');
  return { client, requests, query };
}

describe('DypnsClient input validation (no I/O)', () => {
  const { client, requests } = recording({ Code: 'OK' });
  const base = { phoneNumber: '13800138000', signName: SIGN, templateCode: '100001' };
  const cases: Array<[string, Record<string, unknown>]> = [
    ['phoneNumber', { phoneNumber: '85291234567' }],
    ['phoneNumber', { phoneNumber: '1380013800' }],
    ['signName', { signName: '' }],
    ['templateCode', { templateCode: undefined }],
    ['codeLength', { codeLength: 3 }],
    ['codeLength', { codeLength: 9 }],
    ['codeType', { codeType: 8 }],
    ['duplicatePolicy', { duplicatePolicy: 3 }],
    ['schemeName', { schemeName: 'x'.repeat(21) }],
    ['countryCode', { countryCode: '852' }],
    ['templateParam.code', { templateParam: { code: 1234 } }],
  ];
  for (const [field, change] of cases) {
    it(`sendSmsVerifyCode refuses a bad ${field}: ${JSON.stringify(change)}`, async () => {
      // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
      await assert.rejects(client.sendSmsVerifyCode({ ...base, ...change } as any), (e: unknown) => {
        assert.ok(isInvalidArgumentError(e));
        assert.equal((e as { field: string }).field, field);
        return true;
      });
    });
  }
  it('checkSmsVerifyCode refuses an empty code and a bad case policy', async () => {
    await assert.rejects(client.checkSmsVerifyCode({ phoneNumber: '13800138000', verifyCode: ' ' }), /verifyCode/);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    const bad = { phoneNumber: '13800138000', verifyCode: '1234', caseAuthPolicy: 3 } as any;
    await assert.rejects(client.checkSmsVerifyCode(bad), /caseAuthPolicy/);
    assert.equal(requests.length, 0);
  });
  it('an invalid number is masked in the message', async () => {
    await assert.rejects(client.sendSmsVerifyCode({ ...base, phoneNumber: '+85291234567' }), (e: Error) => {
      assert.doesNotMatch(e.message, /91234567/);
      return true;
    });
  });
});

describe('DypnsClient wire parameters', () => {
  it('sends every field under its Aliyun name; the default TemplateParam asks Aliyun to generate the code', async () => {
    const { client, query } = recording({ Code: 'OK', Model: { BizId: 'B', OutId: 'o', VerifyCode: '1234' } });
    const result = await client.sendSmsVerifyCode({
      phoneNumber: '+86 138-0013-8000',
      signName: SIGN,
      templateCode: '100001',
      codeLength: 6,
      codeType: 7,
      validTime: 600,
      interval: 30,
      duplicatePolicy: 2,
      returnVerifyCode: true,
      schemeName: 'login',
      countryCode: '86',
      outId: 'o',
      smsUpExtendCode: '12',
      autoRetry: 1,
    });
    const q = query();
    assert.equal(q.get('Action'), null, 'V3 puts the action in a header');
    assert.deepEqual(Object.fromEntries(q), {
      PhoneNumber: '13800138000',
      SignName: SIGN,
      TemplateCode: '100001',
      TemplateParam: '{"code":"##code##","min":"10"}',
      CodeLength: '6',
      CodeType: '7',
      ValidTime: '600',
      Interval: '30',
      DuplicatePolicy: '2',
      ReturnVerifyCode: 'true',
      SchemeName: 'login',
      CountryCode: '86',
      OutId: 'o',
      SmsUpExtendCode: '12',
      AutoRetry: '1',
    });
    assert.deepEqual(
      { bizId: result.bizId, outId: result.outId, verifyCode: result.verifyCode, requestId: result.requestId },
      { bizId: 'B', outId: 'o', verifyCode: '1234', requestId: 'R-1' },
    );
  });

  it('reads VerifyResult; anything but PASS is not passed', async () => {
    for (const [wire, passed] of [
      ['PASS', true],
      ['UNKNOWN', false],
      [undefined, false],
    ] as const) {
      const { client } = recording({ Code: 'OK', Model: wire ? { VerifyResult: wire } : {} });
      const r = await client.checkSmsVerifyCode({ phoneNumber: '13800138000', verifyCode: '1234' });
      assert.equal(r.passed, passed);
      assert.equal(r.verifyResult, wire ?? 'UNKNOWN');
    }
  });

  it('a business Code is an AliyunApiError with the code and RequestId', async () => {
    const { client } = recording({ Code: 'BUSINESS_LIMIT_CONTROL', Message: 'limit', Success: false });
    await assert.rejects(
      client.sendSmsVerifyCode({ phoneNumber: '13800138000', signName: SIGN, templateCode: '100001' }),
      (e: unknown) => {
        assert.ok(isAliyunApiError(e));
        assert.equal(e.code, 'BUSINESS_LIMIT_CONTROL');
        assert.equal(e.requestId, 'R-1');
        return true;
      },
    );
  });
});

describe('DypnsClient against the emulator', () => {
  let running: RunningEmulator;
  before(async () => {
    running = await startEmulator({ delivery: false });
  });
  after(() => running.close());

  for (const signatureVersion of ['v3', 'v1'] as const) {
    it(`${signatureVersion}: send, check once, then UNKNOWN`, async () => {
      const dypns = new DypnsClient({
        accessKeyId: 'testid',
        accessKeySecret: 'testsecret',
        endpoint: running.url,
        signatureVersion,
      });
      try {
        const phone = signatureVersion === 'v3' ? '13900139001' : '13900139002';
        const sent = await dypns.sendSmsVerifyCode({ phoneNumber: phone, signName: SIGN, templateCode: '100001' });
        assert.match(sent.bizId, /\^0$/);
        assert.equal(sent.verifyCode, undefined);
        const code = running.emulator.store.latest(phone)?.code as string;
        assert.match(code, /^\d{4}$/);
        assert.equal((await dypns.checkSmsVerifyCode({ phoneNumber: phone, verifyCode: '0000x' })).passed, false);
        assert.equal((await dypns.checkSmsVerifyCode({ phoneNumber: phone, verifyCode: code })).passed, true);
        assert.equal((await dypns.checkSmsVerifyCode({ phoneNumber: phone, verifyCode: code })).passed, false);
        await assert.rejects(
          dypns.sendSmsVerifyCode({ phoneNumber: phone, signName: SIGN, templateCode: '100001' }),
          (e: unknown) => isAliyunApiError(e) && e.code === 'BUSINESS_LIMIT_CONTROL',
        );
      } finally {
        dypns.close();
      }
    });
  }
});
