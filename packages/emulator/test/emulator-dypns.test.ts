// Dypnsapi (managed verification codes) in the emulator, driven by the official
// @alicloud/dypnsapi20170525 client unchanged: routing by Action on the version dysmsapi shares, code
// generation, validity, interval, duplicate policy, schemes, case policy and Aliyun's error codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as Dypns from '@alicloud/dypnsapi20170525';
import * as Sms from '@alicloud/dysmsapi20170525';
import * as OpenApi from '@alicloud/openapi-client';
import { ManualClock } from 'alisms';
import { type RunningEmulator, startEmulator } from '../src/index.js';

// biome-ignore lint/suspicious/noExplicitAny: the SDK classes are untyped through the CommonJS interop
const classOf = (mod: any) => (mod.default?.default ?? mod.default) as any;
const facts = JSON.parse(readFileSync(new URL('../../../test/fixtures/aliyun/dypns.json', import.meta.url), 'utf8'));
const SIGN = facts.systemSigns[0] as string;

let running: RunningEmulator;
// biome-ignore lint/suspicious/noExplicitAny: the official client, see classOf
let client: any;
// The clock starts at the real time: the official client signs with it, and the emulator checks the timestamp.
const clock = new ManualClock(Date.now());

before(async () => {
  running = await startEmulator({
    clock,
    delivery: false,
    config: { dypns: { signs: ['我的应用'], templates: [{ code: '200001', content: '登录码${code}' }] } },
  });
  const endpoint = running.url.replace('http://', '');
  client = new (classOf(Dypns))(
    new OpenApi.Config({ accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint, protocol: 'http' }),
  );
});
after(() => running.close());

function send(phoneNumber: string, extra: Record<string, unknown> = {}) {
  return client.sendSmsVerifyCode(
    new Dypns.SendSmsVerifyCodeRequest({
      phoneNumber,
      signName: SIGN,
      templateCode: '100001',
      templateParam: '{"code":"##code##","min":"5"}',
      ...extra,
    }),
  );
}

function check(phoneNumber: string, verifyCode: string, extra: Record<string, unknown> = {}) {
  return client.checkSmsVerifyCode(new Dypns.CheckSmsVerifyCodeRequest({ phoneNumber, verifyCode, ...extra }));
}

/** Every field the official response model declares is present in the wire body. */
function assertAllFields(body: Record<string, unknown>, names: string[], where: string) {
  for (const name of names) assert.ok(Object.hasOwn(body, name), `${where} lacks ${name}: ${JSON.stringify(body)}`);
}

describe('Dypnsapi through the official client', () => {
  it('SendSmsVerifyCode generates a 4-digit code by default, returns it when asked, and shows it in the inbox', async () => {
    const sent = await send('13800001001', { returnVerifyCode: true, outId: 'o-1' });
    assert.equal(sent.statusCode, 200);
    assert.equal(sent.body.code, 'OK');
    assert.equal(sent.body.success, true);
    assert.match(sent.body.model.verifyCode, /^\d{4}$/);
    assert.match(sent.body.model.bizId, /^\d{18}\^0$/);
    assert.equal(sent.body.model.outId, 'o-1');
    assert.equal(sent.body.model.requestId, sent.body.requestId);
    const raw = running.emulator.store.latest('13800001001');
    assert.equal(raw?.product, 'dypns');
    assert.equal(raw?.code, sent.body.model.verifyCode);
    assert.equal(
      raw?.content,
      `【${SIGN}】您的验证码为${sent.body.model.verifyCode}。尊敬的客户，以上验证码5分钟内有效，请注意保密，切勿告知他人。`,
    );
    const passed = await check('13800001001', sent.body.model.verifyCode);
    assert.equal(passed.body.code, 'OK');
    assert.equal(passed.body.model.verifyResult, 'PASS');
    // One use per code.
    assert.equal((await check('13800001001', sent.body.model.verifyCode)).body.model.verifyResult, 'UNKNOWN');
  });

  it('answers every field of the official response models', async () => {
    const sent = await send('13800001002', { returnVerifyCode: true });
    const checked = await check('13800001002', sent.body.model.verifyCode);
    // The official client keeps the raw body in toMap(): compare against the PascalCase names of the fixture.
    const sendBody = sent.body.toMap();
    assertAllFields(sendBody, facts.sendSmsVerifyCode.responseBody, 'SendSmsVerifyCode body');
    assertAllFields(sendBody.Model, facts.sendSmsVerifyCode.responseModel, 'SendSmsVerifyCode Model');
    const checkBody = checked.body.toMap();
    assertAllFields(checkBody, facts.checkSmsVerifyCode.responseBody, 'CheckSmsVerifyCode body');
    assertAllFields(checkBody.Model, facts.checkSmsVerifyCode.responseModel, 'CheckSmsVerifyCode Model');
  });

  it('without ReturnVerifyCode the code stays out of the answer', async () => {
    const sent = await send('13800001003');
    assert.equal(sent.body.model.verifyCode, undefined);
    const stored = running.emulator.store.latest('13800001003')?.code ?? '';
    assert.equal((await check('13800001003', stored)).body.model.verifyResult, 'PASS');
  });

  it('CodeLength and every CodeType draw from the documented characters', async () => {
    for (const [type, range] of Object.entries(facts.sendSmsVerifyCode.codeTypes as Record<string, string>)) {
      const phone = `1380000110${type}`;
      const sent = await send(phone, { codeLength: 8, codeType: Number(type), returnVerifyCode: true });
      assert.match(sent.body.model.verifyCode, new RegExp(`^[${range}]{8}$`), `CodeType ${type}`);
    }
  });

  it('ValidTime: a code expires; Interval: a second send too soon is BUSINESS_LIMIT_CONTROL', async () => {
    const sent = await send('13800001201', { validTime: 120, interval: 60, returnVerifyCode: true });
    const again = await send('13800001201', { interval: 60 });
    assert.equal(again.statusCode, 200);
    assert.equal(again.body.code, facts.errorCodes.frequency);
    assert.equal(again.body.success, false);
    clock.advance(121_000);
    assert.equal((await check('13800001201', sent.body.model.verifyCode)).body.model.verifyResult, 'UNKNOWN');
    assert.equal((await send('13800001201', { interval: 60 })).body.code, 'OK');
  });

  it('DuplicatePolicy 1 replaces the earlier code; 2 keeps every unexpired one', async () => {
    // 8 digits: two equal codes in a row (1 in 10^8) would make the first check pass.
    const first = await send('13800001301', { interval: 0, returnVerifyCode: true, codeLength: 8 });
    const second = await send('13800001301', {
      interval: 0,
      returnVerifyCode: true,
      codeLength: 8,
      duplicatePolicy: 1,
    });
    assert.equal((await check('13800001301', first.body.model.verifyCode)).body.model.verifyResult, 'UNKNOWN');
    assert.equal((await check('13800001301', second.body.model.verifyCode)).body.model.verifyResult, 'PASS');
    const a = await send('13800001302', { interval: 0, returnVerifyCode: true, codeLength: 8 });
    const b = await send('13800001302', { interval: 0, returnVerifyCode: true, codeLength: 8, duplicatePolicy: 2 });
    assert.equal((await check('13800001302', a.body.model.verifyCode)).body.model.verifyResult, 'PASS');
    assert.equal((await check('13800001302', b.body.model.verifyCode)).body.model.verifyResult, 'PASS');
  });

  it('SchemeName scopes codes; CaseAuthPolicy 2 compares letters exactly', async () => {
    const sent = await send('13800001401', { schemeName: 'login', returnVerifyCode: true, codeType: 2, codeLength: 6 });
    const code = sent.body.model.verifyCode as string;
    assert.equal((await check('13800001401', code)).body.model.verifyResult, 'UNKNOWN');
    assert.equal(
      (await check('13800001401', code.toLowerCase(), { schemeName: 'login', caseAuthPolicy: 2 })).body.model
        .verifyResult,
      'UNKNOWN',
    );
    assert.equal(
      (await check('13800001401', code.toLowerCase(), { schemeName: 'login' })).body.model.verifyResult,
      'PASS',
    );
  });

  it('a literal code is delivered as given and checked; config signs and templates work next to the system ones', async () => {
    const sent = await client.sendSmsVerifyCode(
      new Dypns.SendSmsVerifyCodeRequest({
        phoneNumber: '13800001501',
        signName: '我的应用',
        templateCode: '200001',
        templateParam: '{"code":"735194"}',
      }),
    );
    assert.equal(sent.body.code, 'OK');
    assert.equal(running.emulator.store.latest('13800001501')?.content, '【我的应用】登录码735194');
    assert.equal((await check('13800001501', '735194')).body.model.verifyResult, 'PASS');
  });

  it('refuses non-mainland numbers, unknown signs and templates, and out-of-range parameters with a Code', async () => {
    assert.equal((await send('85291234567')).body.code, facts.errorCodes.badNumber);
    assert.equal((await send('13800001601', { countryCode: '852' })).body.code, facts.errorCodes.badNumber);
    const badSign = await send('13800001602', { signName: '未登记' });
    assert.equal(badSign.body.code, 'INVALID_PARAMETERS');
    assert.match(badSign.body.message, /未登记/);
    assert.equal((await send('13800001603', { templateCode: 'SMS_1' })).body.code, 'INVALID_PARAMETERS');
    assert.equal((await send('13800001604', { codeLength: 9 })).body.code, 'INVALID_PARAMETERS');
    assert.equal((await send('13800001605', { codeType: 8 })).body.code, 'INVALID_PARAMETERS');
  });

  it('QuerySendDetails on version 2017-05-25 stays dysmsapi’s (routing by Action)', async () => {
    const sms = new (classOf(Sms))(
      new OpenApi.Config({
        accessKeyId: 'testid',
        accessKeySecret: 'testsecret',
        endpoint: running.url.replace('http://', ''),
        protocol: 'http',
      }),
    );
    const details = await sms.querySendDetails(
      new Sms.QuerySendDetailsRequest({
        phoneNumber: '13800001001',
        sendDate: '20260101',
        pageSize: 10,
        currentPage: 1,
      }),
    );
    assert.equal(details.body.code, 'OK');
    assert.ok('smsSendDetailDTOs' in details.body);
  });
});
