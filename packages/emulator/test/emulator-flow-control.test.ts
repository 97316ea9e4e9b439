import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { codeSmsParams, useEmulator } from '../../../test/helpers/emulator.js';
import { startEmulator } from '../src/index.js';
import { callAliyun } from '../src/testing/signed-request.js';

/** Epoch ms of a wall-clock time in UTC+8. */
const cst = (day: number, h: number, m = 0, s = 0) => Date.UTC(2026, 10, day, h - 8, m, s);
const MINUTE = '触发分钟级流控Permits:1';
const HOUR = '触发小时级流控Permits:5';
const DAY = '触发天级流控Permits:10';

describe('per-number flow control (verification codes)', () => {
  const clock = new ManualClock();
  let phone = 13000000000;
  const running = useEmulator({
    clock,
    delivery: false,
    config: {
      signs: [
        { name: '阿里云短信测试', type: 'verification' },
        { name: '第二签名', type: 'general' },
      ],
      templates: [
        { code: 'SMS_154950909', type: 'verification', content: '验证码${code}' },
        { code: 'SMS_NOTE', type: 'notification', content: '通知${x}' },
      ],
      flowControl: { whitelist: ['+8613999999999'], notification: { perDay: 2 } },
    },
  });
  beforeEach(() => {
    phone += 1;
  });

  async function send(at: number, options: { to?: string; sign?: string; template?: string; param?: string } = {}) {
    clock.set(at);
    const res = await callAliyun(running.url, {
      now: at,
      action: 'SendSms',
      params: {
        PhoneNumbers: options.to ?? String(phone),
        SignName: options.sign ?? '阿里云短信测试',
        TemplateCode: options.template ?? 'SMS_154950909',
        TemplateParam: options.param ?? '{"code":"1234"}',
      },
    });
    assert.equal(res.status, 200);
    return `${res.json.Code}${res.json.Code === 'OK' ? '' : ` ${res.json.Message}`}`;
  }

  it('1 per natural minute of UTC+8 wall time', async () => {
    assert.equal(await send(cst(23, 10, 30, 10)), 'OK');
    assert.equal(await send(cst(23, 10, 30, 59)), `isv.BUSINESS_LIMIT_CONTROL ${MINUTE}`);
    // One second later is a new natural minute, although only 50 s have passed since the send.
    assert.equal(await send(cst(23, 10, 31, 0)), 'OK');
  });

  it('5 per natural hour', async () => {
    for (const minute of [0, 10, 20, 30, 40]) assert.equal(await send(cst(23, 10, minute)), 'OK');
    assert.equal(await send(cst(23, 10, 59, 59)), `isv.BUSINESS_LIMIT_CONTROL ${HOUR}`);
    assert.equal(await send(cst(23, 11, 0, 0)), 'OK');
  });

  it('10 per rolling 24 h, not reset at midnight', async () => {
    for (let hour = 14; hour < 24; hour++) assert.equal(await send(cst(23, hour)), 'OK');
    assert.equal(await send(cst(24, 0, 30)), `isv.BUSINESS_LIMIT_CONTROL ${DAY}`);
    assert.equal(await send(cst(24, 13, 59, 59)), `isv.BUSINESS_LIMIT_CONTROL ${DAY}`);
    // 24 h after the first send, that send leaves the window.
    assert.equal(await send(cst(24, 14, 0, 0)), 'OK');
    assert.equal(await send(cst(24, 14, 1, 0)), `isv.BUSINESS_LIMIT_CONTROL ${DAY}`);
    assert.equal(await send(cst(24, 15, 0, 0)), 'OK');
  });

  it('refused sends do not count', async () => {
    assert.equal(await send(cst(23, 12, 0, 0)), 'OK');
    assert.equal(await send(cst(23, 12, 0, 30)), `isv.BUSINESS_LIMIT_CONTROL ${MINUTE}`);
    assert.equal(
      await send(cst(23, 12, 1, 0), { param: '{"code":"1"}' }),
      'isv.TEMPLATE_PARAMS_ILLEGAL 模版变量不符合规范:code，验证码变量须为4-6位字母或数字',
    );
    for (const minute of [2, 3, 4]) assert.equal(await send(cst(23, 12, minute)), 'OK');
    assert.equal(await send(cst(23, 12, 5)), 'OK');
    assert.equal(await send(cst(23, 12, 6)), `isv.BUSINESS_LIMIT_CONTROL ${HOUR}`);
  });

  it('every prefix form of a number shares one counter; another sign has its own', async () => {
    assert.equal(await send(cst(23, 9, 0), { to: `+86${phone}` }), 'OK');
    assert.equal(await send(cst(23, 9, 0, 20), { to: `0086${phone}` }), `isv.BUSINESS_LIMIT_CONTROL ${MINUTE}`);
    assert.equal(await send(cst(23, 9, 0, 30), { sign: '第二签名' }), 'OK');
  });

  it('whitelisted numbers are exempt', async () => {
    for (let second = 0; second < 12; second++)
      assert.equal(await send(cst(23, 8, 0, second), { to: '13999999999' }), 'OK');
  });

  it('notifications: per sign, template and number, per rolling 24 h', async () => {
    const note = { sign: '第二签名', template: 'SMS_NOTE', param: '{"x":"1"}' };
    assert.equal(await send(cst(23, 8, 0, 0), note), 'OK');
    assert.equal(await send(cst(23, 8, 0, 1), note), 'OK');
    assert.equal(await send(cst(23, 20, 0, 0), note), 'isv.BUSINESS_LIMIT_CONTROL 触发天级流控Permits:2');
    assert.equal(await send(cst(24, 8, 0, 1), note), 'OK');
  });
});

describe('per-number flow control on SendMessageWithTemplate (2018-05-01, mainland numbers)', () => {
  const clock = new ManualClock();
  const running = useEmulator({
    clock,
    delivery: false,
    config: {
      signs: [{ name: '阿里云短信测试', type: 'verification' }],
      templates: [{ code: 'SMS_154950909', type: 'verification', content: '验证码${code}' }],
    },
  });

  async function withTemplate(at: number, to: string, param = '{"code":"1234"}') {
    clock.set(at);
    const res = await callAliyun(running.url, {
      now: at,
      version: '2018-05-01',
      action: 'SendMessageWithTemplate',
      params: { To: to, From: '阿里云短信测试', TemplateCode: 'SMS_154950909', TemplateParam: param },
    });
    assert.equal(res.status, 200);
    return `${res.json.ResponseCode}${res.json.ResponseCode === 'OK' ? '' : ` ${res.json.ResponseDescription}`}`;
  }

  it('1 per natural minute and 5 per natural hour, with the 2018-05-01 code', async () => {
    assert.equal(await withTemplate(cst(23, 10, 0, 5), '8613100000001'), 'OK');
    assert.equal(await withTemplate(cst(23, 10, 0, 50), '8613100000001'), `BUSINESS_LIMIT_CONTROL ${MINUTE}`);
    for (const minute of [1, 2, 3, 4]) assert.equal(await withTemplate(cst(23, 10, minute), '8613100000001'), 'OK');
    assert.equal(await withTemplate(cst(23, 10, 59), '8613100000001'), `BUSINESS_LIMIT_CONTROL ${HOUR}`);
    assert.equal(await withTemplate(cst(23, 11, 0), '8613100000001'), 'OK');
  });

  it('shares the counter of SendSms for the same sign and number; refused sends do not count', async () => {
    clock.set(cst(23, 12, 0, 0));
    const sms = await callAliyun(running.url, {
      now: clock.now(),
      action: 'SendSms',
      params: codeSmsParams('13100000002'),
    });
    assert.equal(sms.json.Code, 'OK');
    assert.equal(await withTemplate(cst(23, 12, 0, 30), '8613100000002'), `BUSINESS_LIMIT_CONTROL ${MINUTE}`);
    assert.equal(
      await withTemplate(cst(23, 12, 1, 0), '8613100000003', 'not json'),
      'INVALID_JSON_PARAM The JSON parameter is invalid',
    );
    assert.equal(await withTemplate(cst(23, 12, 1, 10), '8613100000003'), 'OK');
  });
});

describe('flow control switched off', () => {
  it('lets a number receive codes back to back', async () => {
    const clock = new ManualClock(cst(23, 10));
    const running = await startEmulator({ clock, delivery: false, config: { flowControl: { enabled: false } } });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await callAliyun(running.url, {
          now: clock.now(),
          action: 'SendSms',
          params: codeSmsParams(),
        });
        assert.equal(res.json.Code, 'OK');
      }
    } finally {
      await running.close();
    }
  });
});
