import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { codeSmsParams, useEmulator } from '../../../test/helpers/emulator.js';
import { type EmulatorConfigInput, startEmulator } from '../src/index.js';
import { callAliyun, type SignedCall } from '../src/testing/signed-request.js';

const NOW = Date.UTC(2026, 10, 23, 2, 30, 0); // 10:30 in UTC+8
const VERIFY_TEMPLATE = 'SMS_154950909';
const CONFIG: EmulatorConfigInput = {
  flowControl: { enabled: false },
  dailyCap: 20,
  signs: [
    { name: '阿里云短信测试', type: 'verification' },
    { name: '通用签名', type: 'general' },
  ],
  templates: [
    {
      code: VERIFY_TEMPLATE,
      type: 'verification',
      content: '您正在使用阿里云短信测试服务，体验验证码是：${code}，如非本人操作，请忽略本短信！',
    },
    { code: 'SMS_NOTIFY', type: 'notification', content: '${name}，您的包裹${no}已到' },
    { code: 'SMS_PENDING', type: 'notification', content: '审核中', status: 'pending' },
    { code: 'SMS_INTL', type: 'international', content: 'Your parcel ${no} has arrived' },
  ],
  templateApprovalDelay: '10 min',
  mail: { senders: ['noreply@mail.example.com'] },
};

describe('business rules', () => {
  const clock = new ManualClock(NOW);
  const running = useEmulator({ clock, config: CONFIG, delivery: false });
  const call = (c: Omit<SignedCall, 'now'>) => callAliyun(running.url, { now: clock.now(), ...c });
  const sendSms = (params: Record<string, string>) =>
    call({
      action: 'SendSms',
      params: { PhoneNumbers: '13800138000', SignName: '阿里云短信测试', TemplateCode: VERIFY_TEMPLATE, ...params },
    });
  const expectCode = async (promise: ReturnType<typeof call>, code: string, message?: RegExp) => {
    const res = await promise;
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.Code, code, res.text);
    if (message) assert.match(res.json.Message, message);
    if (code !== 'OK') assert.equal(res.json.BizId, undefined);
  };

  it('unknown or unapproved sign and template', async () => {
    await expectCode(
      sendSms({ SignName: '没有的签名', TemplateParam: '{"code":"1234"}' }),
      'isv.SMS_SIGNATURE_ILLEGAL',
    );
    await expectCode(
      sendSms({ TemplateCode: 'SMS_000', TemplateParam: '{"code":"1234"}' }),
      'isv.SMS_TEMPLATE_ILLEGAL',
    );
    await expectCode(sendSms({ SignName: '通用签名', TemplateCode: 'SMS_PENDING' }), 'isv.SMS_TEMPLATE_ILLEGAL');
  });

  it('missing variables, bad JSON, non-string values', async () => {
    await expectCode(sendSms({}), 'isv.TEMPLATE_MISSING_PARAMETERS', /code/);
    await expectCode(sendSms({ TemplateParam: '{"other":"1234"}' }), 'isv.TEMPLATE_MISSING_PARAMETERS');
    await expectCode(sendSms({ TemplateParam: '{code:1234' }), 'isv.INVALID_JSON_PARAM');
    await expectCode(sendSms({ TemplateParam: '{"code":1234}' }), 'isv.INVALID_JSON_PARAM');
    await expectCode(sendSms({ TemplateParam: '["1234"]' }), 'isv.INVALID_JSON_PARAM');
  });

  it('verification variables must be 4-6 letters or digits', async () => {
    await expectCode(sendSms({ TemplateParam: '{"code":"123"}' }), 'isv.TEMPLATE_PARAMS_ILLEGAL');
    await expectCode(sendSms({ TemplateParam: '{"code":"1234567"}' }), 'isv.TEMPLATE_PARAMS_ILLEGAL');
    await expectCode(sendSms({ TemplateParam: '{"code":"123456"}' }), 'OK');
  });

  it('numbers: malformed, too many, every accepted prefix form', async () => {
    await expectCode(
      sendSms({ PhoneNumbers: '1380013800', TemplateParam: '{"code":"1234"}' }),
      'isv.MOBILE_NUMBER_ILLEGAL',
    );
    await expectCode(sendSms({ PhoneNumbers: 'abc', TemplateParam: '{"code":"1234"}' }), 'isv.MOBILE_NUMBER_ILLEGAL');
    const many = Array.from({ length: 1001 }, (_, i) => `138${String(i).padStart(8, '0')}`).join(',');
    await expectCode(sendSms({ PhoneNumbers: many, TemplateParam: '{"code":"1234"}' }), 'isv.MOBILE_COUNT_OVER_LIMIT');
    const forms = '+8613700000001,008613700000002,8613700000003,13700000004';
    await expectCode(sendSms({ PhoneNumbers: forms, TemplateParam: '{"code":"4321"}' }), 'OK');
    for (const n of ['13700000001', '13700000002', '13700000003', '13700000004'])
      assert.equal(running.emulator.store.latest(n)?.code, '4321');
  });

  it('sign type must fit the template type', async () => {
    await expectCode(
      sendSms({ TemplateCode: 'SMS_NOTIFY', TemplateParam: '{"name":"张三","no":"A1"}' }),
      'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
    );
    await expectCode(
      sendSms({ SignName: '通用签名', TemplateCode: 'SMS_NOTIFY', TemplateParam: '{"name":"张三","no":"A1"}' }),
      'OK',
    );
  });

  it('a message longer than 500 characters (sign included) is refused', async () => {
    const send = (name: string) =>
      sendSms({ SignName: '通用签名', TemplateCode: 'SMS_NOTIFY', TemplateParam: JSON.stringify({ name, no: '1' }) });
    // 【通用签名】 is 6 characters, the template's own text 7 and `no` 1: 486 more make exactly 500.
    await expectCode(send('字'.repeat(486)), 'OK');
    await expectCode(send('字'.repeat(487)), 'isv.PARAM_LENGTH_LIMIT');
    const long = running.emulator.store.latest('13800138000');
    assert.equal(long?.segments, Math.ceil(500 / 67));
  });

  it('an international template goes to international numbers only', async () => {
    const intl = (to: string) =>
      sendSms({ PhoneNumbers: to, SignName: '通用签名', TemplateCode: 'SMS_INTL', TemplateParam: '{"no":"9"}' });
    await expectCode(intl('13800138000'), 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED');
    await expectCode(intl('85291234567'), 'OK');
    assert.equal(running.emulator.store.latest('+85291234567')?.content, '【通用签名】Your parcel 9 has arrived');
  });

  it('SendBatchSms: aligned arrays, bad JSON, length mismatch, one BizId for all', async () => {
    const batch = (params: Record<string, string>) =>
      call({ action: 'SendBatchSms', placement: 'form', params: { TemplateCode: 'SMS_NOTIFY', ...params } });
    const ok = await batch({
      PhoneNumberJson: '["13600000001","13600000002"]',
      SignNameJson: '["通用签名","通用签名"]',
      TemplateParamJson: '[{"name":"甲","no":"1"},{"name":"乙","no":"2"}]',
    });
    assert.equal(ok.json.Code, 'OK');
    const stored = running.emulator.store.list({ bizId: ok.json.BizId });
    assert.deepEqual(stored.map((m) => m.content).sort(), [
      '【通用签名】乙，您的包裹2已到',
      '【通用签名】甲，您的包裹1已到',
    ]);
    await expectCode(
      batch({ PhoneNumberJson: '["13600000001"', SignNameJson: '["通用签名"]', TemplateParamJson: '[{}]' }),
      'isv.INVALID_JSON_PARAM',
    );
    await expectCode(
      batch({ PhoneNumberJson: '["13600000001","13600000002"]', SignNameJson: '["通用签名"]' }),
      'isv.INVALID_PARAMETERS',
    );
  });

  it('the daily account cap counts recipients per UTC+8 day', async () => {
    const local = new ManualClock(NOW);
    const capped = await startEmulator({ clock: local, delivery: false, config: { ...CONFIG, dailyCap: 3 } });
    try {
      const send = (n: string) =>
        callAliyun(capped.url, {
          now: local.now(),
          action: 'SendSms',
          params: codeSmsParams(n),
        });
      assert.equal((await send('13500000001,13500000002')).json.Code, 'OK');
      assert.equal((await send('13500000003,13500000004')).json.Code, 'isv.DAY_LIMIT_CONTROL');
      assert.equal((await send('13500000003')).json.Code, 'OK');
      assert.equal((await send('13500000004')).json.Code, 'isv.DAY_LIMIT_CONTROL');
      local.set(Date.UTC(2026, 10, 23, 16, 0, 0)); // 00:00 the next day in UTC+8
      assert.equal((await send('13500000004')).json.Code, 'OK');
    } finally {
      await capped.close();
    }
  });

  it('QuerySendDetails: Aliyun field names and types, UTC+8 dates, paging', async () => {
    clock.set(Date.UTC(2026, 10, 23, 17, 0, 0)); // 01:00 on the 24th in UTC+8
    const sent = await sendSms({ PhoneNumbers: '13400000001', TemplateParam: '{"code":"2580"}', OutId: 'o-1' });
    assert.equal(sent.json.Code, 'OK');
    const query = (params: Record<string, string>) =>
      call({
        action: 'QuerySendDetails',
        params: { PhoneNumber: '+8613400000001', PageSize: '10', CurrentPage: '1', ...params },
      });
    const utcDay = await query({ SendDate: '20261123' });
    assert.equal(utcDay.json.TotalCount, 0);
    const res = await query({ SendDate: '20261124', BizId: sent.json.BizId });
    assert.equal(res.json.Code, 'OK');
    assert.equal(res.json.TotalCount, 1);
    const dto = res.json.SmsSendDetailDTOs.SmsSendDetailDTO[0];
    assert.equal(dto.SendStatus, 1);
    assert.equal(dto.SendDate, '2026-11-24 01:00:00');
    assert.equal(dto.OutId, 'o-1');
    assert.equal(dto.TemplateCode, VERIFY_TEMPLATE);
    await running.emulator.store.update(running.emulator.store.latest('13400000001')?.id ?? '', {
      status: 'delivered',
      errCode: 'DELIVERED',
      receivedAt: new Date(clock.now() + 3000).toISOString(),
    });
    const delivered = (await query({ SendDate: '20261124' })).json.SmsSendDetailDTOs.SmsSendDetailDTO[0];
    assert.equal(delivered.SendStatus, 3);
    assert.equal(delivered.ErrCode, 'DELIVERED');
    assert.equal(delivered.ReceiveDate, '2026-11-24 01:00:03');
    const bad = await query({ SendDate: '2026-11-24' });
    assert.equal(bad.json.Code, 'isv.INVALID_PARAMETERS');
    clock.set(NOW);
  });

  it('QuerySendStatistics counts per UTC+8 day', async () => {
    const res = await call({
      action: 'QuerySendStatistics',
      params: { IsGlobe: '1', StartDate: '20261123', EndDate: '20261124', PageIndex: '1', PageSize: '10' },
    });
    assert.equal(res.json.Code, 'OK');
    const days = res.json.Data.TargetList.map((d: { SendDate: string }) => d.SendDate);
    assert.deepEqual(days, ['20261123', '20261124']);
    const day24 = res.json.Data.TargetList[1];
    assert.equal(day24.TotalCount, 1);
    assert.equal(day24.RespondedSuccessCount, 1);
    assert.equal(res.json.Data.TotalSize, 2);
  });

  it('AddSmsTemplate: pending until templateApprovalDelay has passed', async () => {
    const added = await call({
      action: 'AddSmsTemplate',
      params: { TemplateType: '1', TemplateName: '到货', TemplateContent: '您的包裹${no}已到', Remark: 'r' },
    });
    const code = added.json.TemplateCode as string;
    assert.match(code, /^SMS_\d{9}$/);
    const status = async () =>
      (await call({ action: 'QuerySmsTemplate', params: { TemplateCode: code } })).json.TemplateStatus;
    assert.equal(await status(), 0);
    const params = { SignName: '通用签名', TemplateCode: code, TemplateParam: '{"no":"7"}' };
    await expectCode(sendSms(params), 'isv.SMS_TEMPLATE_ILLEGAL');
    clock.advance(10 * 60_000);
    assert.equal(await status(), 1);
    await expectCode(sendSms(params), 'OK');
    const deleted = await call({ action: 'DeleteSmsTemplate', params: { TemplateCode: code } });
    assert.equal(deleted.json.Code, 'OK');
    await expectCode(sendSms(params), 'isv.SMS_TEMPLATE_ILLEGAL');
    clock.set(NOW);
  });

  it('AddSmsSign / QuerySmsSign / QuerySmsSignList / DeleteSmsSign', async () => {
    const added = await call({
      action: 'AddSmsSign',
      placement: 'form',
      params: { SignName: '新签名', SignSource: '1', SignType: '1', Remark: 'r' },
    });
    assert.equal(added.json.SignName, '新签名');
    assert.equal((await call({ action: 'QuerySmsSign', params: { SignName: '新签名' } })).json.SignStatus, 0);
    clock.advance(10 * 60_000);
    const list = await call({ action: 'QuerySmsSignList', params: { PageIndex: '1', PageSize: '50' } });
    const entry = list.json.SmsSignList.find((s: { SignName: string }) => s.SignName === '新签名');
    assert.equal(entry.AuditStatus, 'AUDIT_STATE_PASS');
    assert.equal(list.json.TotalCount, 3);
    assert.equal((await call({ action: 'DeleteSmsSign', params: { SignName: '新签名' } })).json.Code, 'OK');
    const gone = await call({ action: 'QuerySmsSign', params: { SignName: '新签名' } });
    assert.equal(gone.json.Code, 'isv.SMS_SIGNATURE_ILLEGAL');
    clock.set(NOW);
  });

  it('international: ResponseCode errors in an HTTP 200 body', async () => {
    const globe = (params: Record<string, string>) =>
      call({ action: 'SendMessageToGlobe', version: '2018-05-01', params });
    const ok = await globe({ To: '6591234567', Message: 'hello 9876' });
    assert.equal(ok.json.ResponseCode, 'OK');
    assert.equal(ok.json.NumberDetail.Country, 'Singapore');
    const bad = await globe({ To: 'x', Message: 'hi' });
    assert.equal(bad.status, 200);
    assert.equal(bad.json.ResponseCode, 'MOBILE_NUMBER_ILLEGAL');
    const missing = await globe({ To: '6591234567' });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.Code, 'MissingMessage');
    const batch = await call({
      action: 'BatchSendMessageToGlobe',
      version: '2018-05-01',
      params: { To: '["6591234567","nope"]', Message: '["a","b"]' },
    });
    assert.equal(batch.json.SuccessCount, '1');
    assert.deepEqual(JSON.parse(batch.json.FailedList), ['nope']);
    const unknown = await call({ action: 'QueryMessage', version: '2018-05-01', params: { MessageId: '1' } });
    assert.equal(unknown.json.ResponseCode, 'DATA_NOT_EXIST');
  });

  it('Direct Mail: HTTP 4xx errors with the gateway body', async () => {
    const mail = (params: Record<string, string>) =>
      call({
        action: 'SingleSendMail',
        version: '2015-11-23',
        placement: 'form',
        params: {
          AccountName: 'noreply@mail.example.com',
          AddressType: '1',
          ReplyToAddress: 'false',
          ToAddress: 'a@example.com',
          Subject: 'Hi',
          TextBody: 'code 1234',
          ...params,
        },
      });
    assert.match((await mail({})).json.EnvId, /^\d{11}$/);
    const sender = await mail({ AccountName: 'who@mail.example.com' });
    assert.equal(sender.status, 404);
    assert.equal(sender.json.Code, 'InvalidMailAddress.NotFound');
    assert.equal(sender.json.HostId, 'dm.aliyuncs.com');
    const to = await mail({ ToAddress: 'not-an-address' });
    assert.equal(to.status, 400);
    assert.equal(to.json.Code, 'InvalidToAddress');
    assert.equal((await mail({ Subject: 'x'.repeat(101) })).json.Code, 'InvalidSubject.Malformed');
    assert.equal((await mail({ TextBody: '' })).json.Code, 'InvalidBody');
    const batch = await call({
      action: 'BatchSendMail',
      version: '2015-11-23',
      params: { AccountName: 'noreply@mail.example.com', AddressType: '1', TemplateName: 'none', ReceiversName: 'x' },
    });
    assert.equal(batch.status, 404);
    assert.equal(batch.json.Code, 'InvalidTemplate.NotFound');
  });
});
