// SmsManagementClient's current sign/template methods against the emulator: submission, review on the emulator's clock,
// rejection through the inspection API, resubmission; and their validation before any I/O.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { isInvalidArgumentError, ManualClock, SmsManagementClient } from '../src/index.js';

describe('SmsManagementClient current sign/template APIs against the emulator', () => {
  const clock = new ManualClock(Date.now());
  let running: RunningEmulator;
  let sms: SmsManagementClient;
  before(async () => {
    running = await startEmulator({ clock, delivery: false, config: { templateApprovalDelay: '1 min' } });
    sms = new SmsManagementClient({
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
      endpoint: running.url,
      clock,
    });
  });
  after(async () => {
    sms.close();
    await running.close();
  });

  const reject = (kind: string, key: string, reason: string) =>
    fetch(`${running.url}/_emulator/api/${kind}/${encodeURIComponent(key)}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'rejected', reason }),
    });

  it('sign: create → pending → rejected with a reason → update → approved', async () => {
    const created = await sms.createSmsSign({ signName: 'SDK签名', signSource: 0, remark: 'r' });
    assert.match(created.orderId ?? '', /^\d+$/);
    assert.equal((await sms.getSmsSign({ signName: 'SDK签名' })).state, 'pending');
    await reject('signs', 'SDK签名', '资质不符');
    const rejected = await sms.getSmsSign({ signName: 'SDK签名' });
    assert.deepEqual([rejected.state, rejected.rejectInfo], ['rejected', '资质不符']);
    assert.ok(rejected.auditDate instanceof Date);
    await sms.updateSmsSign({ signName: 'SDK签名', signSource: 0, remark: 'fixed' });
    clock.advance(60_000);
    const approved = await sms.getSmsSign({ signName: 'SDK签名' });
    assert.deepEqual([approved.state, approved.rejectInfo], ['approved', undefined]);
  });

  it('template: create, get, list, reject, update, approved', async () => {
    const created = await sms.createSmsTemplate({
      templateName: '发货',
      templateContent: '订单${order}已发货',
      templateType: 1,
      relatedSignName: '阿里云短信测试',
    });
    const code = created.templateCode;
    assert.match(code, /^SMS_\d{9}$/);
    const got = await sms.getSmsTemplate({ templateCode: code });
    assert.deepEqual([got.state, got.templateType, got.relatedSignName], ['pending', 1, '阿里云短信测试']);
    await reject('templates', code, '变量说明不清');
    const list = await sms.getSmsTemplateList({ templateCode: code });
    assert.equal(list.total, 1);
    assert.equal(list.templates[0]?.auditStatus, 2);
    assert.equal((await sms.getSmsTemplate({ templateCode: code })).rejectInfo, '变量说明不清');
    await sms.updateSmsTemplate({
      templateCode: code,
      templateName: '发货',
      templateContent: '订单${order}已发出',
      templateType: 1,
    });
    clock.advance(60_000);
    const approved = await sms.getSmsTemplate({ templateCode: code });
    assert.deepEqual([approved.state, approved.templateContent], ['approved', '订单${order}已发出']);
  });

  it('validates before sending', async () => {
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['signName', () => sms.createSmsSign({ signName: 'x', signSource: 0 })],
      ['signSource', () => sms.createSmsSign({ signName: '好名字', signSource: 9 })],
      [
        'moreData',
        () => sms.createSmsSign({ signName: '好名字', signSource: 0, moreData: [1] as unknown as string[] }),
      ],
      [
        'templateType',
        () => sms.createSmsTemplate({ templateName: 'n', templateContent: 'c', templateType: 7 as unknown as 1 }),
      ],
      [
        'templateContent',
        () => sms.createSmsTemplate({ templateName: 'n', templateContent: 'c'.repeat(501), templateType: 1 }),
      ],
      ['pageSize', () => sms.getSmsTemplateList({ pageSize: 51 })],
    ];
    for (const [field, call] of cases)
      await assert.rejects(call(), (e: unknown) => isInvalidArgumentError(e) && e.field === field, field);
  });
});
