import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { useEmulator } from '../../../test/helpers/emulator.js';
import { callAliyun } from '../src/testing/signed-request.js';

const NOW = Date.UTC(2026, 10, 23, 2, 30, 0); // 10:30 on 2026-11-23 in UTC+8

describe('QuerySendStatistics filters', () => {
  const clock = new ManualClock(NOW);
  const running = useEmulator({
    clock,
    delivery: false,
    config: {
      flowControl: { enabled: false },
      signs: [
        { name: '验证签名', type: 'verification' },
        { name: '通用签名', type: 'general' },
      ],
      templates: [
        { code: 'SMS_CODE', type: 'verification', content: '验证码${code}' },
        { code: 'SMS_NOTE', type: 'notification', content: '包裹${no}已到' },
        { code: 'SMS_PROMO', type: 'promotional', content: '优惠' },
        { code: 'SMS_GONE', type: 'notification', content: '将被删除' },
      ],
    },
  });
  const call = (action: string, params: Record<string, string>, version?: string) =>
    callAliyun(running.url, { now: clock.now(), action, params, ...(version ? { version } : {}) });

  async function totals(filters: Record<string, string>, isGlobe = '1'): Promise<number> {
    const res = await call('QuerySendStatistics', {
      IsGlobe: isGlobe,
      StartDate: '20261123',
      EndDate: '20261123',
      PageIndex: '1',
      PageSize: '10',
      ...filters,
    });
    assert.equal(res.json.Code, 'OK', res.text);
    const rows = res.json.Data.TargetList as Array<{ TotalCount: number }>;
    return rows.reduce((sum, row) => sum + row.TotalCount, 0);
  }

  before(async () => {
    const send = async (sign: string, template: string, param?: string) => {
      const res = await call('SendSms', {
        PhoneNumbers: '13800138000',
        SignName: sign,
        TemplateCode: template,
        ...(param ? { TemplateParam: param } : {}),
      });
      assert.equal(res.json.Code, 'OK', res.text);
    };
    // verification: 2 (验证签名 1, 通用签名 1); notification: 3 (通用签名); promotional: 1; deleted template: 1
    await send('验证签名', 'SMS_CODE', '{"code":"1234"}');
    await send('通用签名', 'SMS_CODE', '{"code":"5678"}');
    for (const no of ['1', '2', '3']) await send('通用签名', 'SMS_NOTE', JSON.stringify({ no }));
    await send('通用签名', 'SMS_PROMO');
    await send('通用签名', 'SMS_GONE');
    assert.equal((await call('DeleteSmsTemplate', { TemplateCode: 'SMS_GONE' })).json.Code, 'OK');
    const globe = await call('SendMessageToGlobe', { To: '85291234567', Message: 'hello 4321' }, '2018-05-01');
    assert.equal(globe.json.ResponseCode, 'OK', globe.text);
  });

  it('without filters counts every mainland submission of the day', async () => {
    assert.equal(await totals({}), 7);
  });

  it('TemplateType picks one template type (0 verification, 1 notification, 2 promotional)', async () => {
    assert.equal(await totals({ TemplateType: '0' }), 2);
    assert.equal(await totals({ TemplateType: '1' }), 3, 'a template deleted since the send matches no type');
    assert.equal(await totals({ TemplateType: '2' }), 1);
    assert.equal(await totals({ TemplateType: '7' }), 0);
  });

  it('SignName and TemplateType combine', async () => {
    assert.equal(await totals({ SignName: '验证签名' }), 1);
    assert.equal(await totals({ SignName: '通用签名' }), 6);
    assert.equal(await totals({ SignName: '通用签名', TemplateType: '0' }), 1);
    assert.equal(await totals({ SignName: '验证签名', TemplateType: '1' }), 0);
    assert.equal(await totals({ SignName: '没有的签名' }), 0);
  });

  it('international texts count as TemplateType 3 under IsGlobe 2', async () => {
    assert.equal(await totals({}, '2'), 1);
    assert.equal(await totals({ TemplateType: '3' }, '2'), 1);
    assert.equal(await totals({ TemplateType: '0' }, '2'), 0);
  });

  it('a TemplateType that is not a number is isv.INVALID_PARAMETERS', async () => {
    const res = await call('QuerySendStatistics', {
      IsGlobe: '1',
      StartDate: '20261123',
      EndDate: '20261123',
      PageIndex: '1',
      PageSize: '10',
      TemplateType: 'verification',
    });
    assert.equal(res.json.Code, 'isv.INVALID_PARAMETERS');
  });
});
