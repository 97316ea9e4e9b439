// The current sign and template actions (Create/Get/Update SmsSign and SmsTemplate, GetSmsTemplateList)
// through the official @alicloud/dysmsapi20170525 client: every field of its response models, the review
// lifecycle on the emulator's clock, and rejection with a reason through the inspection API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as Sms from '@alicloud/dysmsapi20170525';
import * as OpenApi from '@alicloud/openapi-client';
import { ManualClock } from 'alisms';
import { missingModelFields, officialClient } from '../../../test/helpers/official-models.js';
import { type RunningEmulator, startEmulator } from '../src/index.js';

// Starts at the real time (the official client signs with it); advanced at most 10 min in all, inside the
// emulator's 15-minute timestamp window.
const clock = new ManualClock(Date.now());
let running: RunningEmulator;
// biome-ignore lint/suspicious/noExplicitAny: the official client is untyped (see officialClient)
let client: any;

before(async () => {
  running = await startEmulator({ clock, delivery: false, config: { templateApprovalDelay: '5 min' } });
  client = officialClient(Sms, OpenApi, running.url);
});
after(() => running.close());

/** The wire body of an official answer, checked against the model it was parsed into. */
function assertComplete(model: unknown, response: { body: { toMap(): Record<string, unknown> } }, what: string) {
  // biome-ignore lint/suspicious/noExplicitAny: see missingModelFields
  assert.deepEqual(missingModelFields(model as any, response.body.toMap()), [], `${what} lacks fields`);
}

async function review(kind: 'signs' | 'templates', key: string, body: unknown) {
  const res = await fetch(`${running.url}/_emulator/api/${kind}/${encodeURIComponent(key)}/review`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('current sign actions through the official client', () => {
  it('CreateSmsSign → pending → approved after the delay; GetSmsSign has every model field', async () => {
    const created = await client.createSmsSign(
      new Sms.CreateSmsSignRequest({
        signName: '新签名',
        signSource: 0,
        signType: 1,
        remark: 'test',
        applySceneContent: 'https://example.com',
        qualificationId: 42,
        trademarkId: 7,
        moreData: ['https://example.com/a.png'],
      }),
    );
    assert.equal(created.body.code, 'OK');
    assert.match(created.body.orderId, /^\d{12}$/);
    assertComplete(Sms.CreateSmsSignResponseBody, created, 'CreateSmsSign');
    const pending = await client.getSmsSign(new Sms.GetSmsSignRequest({ signName: '新签名' }));
    assert.equal(pending.body.signStatus, 0);
    assert.equal(pending.body.qualificationId, 42);
    assert.deepEqual(pending.body.fileUrlList, ['https://example.com/a.png']);
    clock.advance(5 * 60_000);
    const approved = await client.getSmsSign(new Sms.GetSmsSignRequest({ signName: '新签名' }));
    assert.equal(approved.body.signStatus, 1);
    assert.match(approved.body.auditInfo.auditDate, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assertComplete(Sms.GetSmsSignResponseBody, approved, 'GetSmsSign');
  });

  it('a rejection with a reason set through the inspection API shows everywhere; UpdateSmsSign resubmits', async () => {
    await client.createSmsSign(new Sms.CreateSmsSignRequest({ signName: '被拒签名', signSource: 0, remark: 'x' }));
    const refused = await client.updateSmsSign(
      new Sms.UpdateSmsSignRequest({ signName: '被拒签名', signSource: 0, remark: 'y' }),
    );
    assert.equal(refused.body.code, 'isv.SMS_SIGNATURE_ILLEGAL', 'only a rejected sign may be updated');
    const decided = await review('signs', '被拒签名', { status: 'rejected', reason: '签名与资质不符' });
    assert.deepEqual(decided, { status: 200, json: { status: 'rejected', rejectReason: '签名与资质不符' } });
    const got = await client.getSmsSign(new Sms.GetSmsSignRequest({ signName: '被拒签名' }));
    assert.equal(got.body.signStatus, 2);
    assert.equal(got.body.auditInfo.rejectInfo, '签名与资质不符');
    const list = await client.querySmsSignList(new Sms.QuerySmsSignListRequest({ pageIndex: 1, pageSize: 50 }));
    const item = list.body.smsSignList.find((s: { signName: string }) => s.signName === '被拒签名');
    assert.equal(item.auditStatus, 'AUDIT_STATE_NOT_PASS');
    assert.equal(item.reason.rejectInfo, '签名与资质不符');
    assertComplete(Sms.QuerySmsSignListResponseBody, list, 'QuerySmsSignList');
    const updated = await client.updateSmsSign(
      new Sms.UpdateSmsSignRequest({ signName: '被拒签名', signSource: 0, remark: 'fixed' }),
    );
    assert.equal(updated.body.code, 'OK');
    assertComplete(Sms.UpdateSmsSignResponseBody, updated, 'UpdateSmsSign');
    assert.equal((await client.getSmsSign(new Sms.GetSmsSignRequest({ signName: '被拒签名' }))).body.signStatus, 0);
  });

  it('the review route refuses bad input', async () => {
    assert.equal((await review('signs', '不存在', { status: 'approved' })).status, 404);
    assert.equal((await review('signs', '新签名', { status: 'maybe' })).status, 400);
    const list = (await (await fetch(`${running.url}/_emulator/api/signs`)).json()) as { signs: { name: string }[] };
    assert.ok(list.signs.some((s) => s.name === '新签名'));
  });
});

describe('current template actions through the official client', () => {
  it('CreateSmsTemplate, GetSmsTemplate, GetSmsTemplateList, UpdateSmsTemplate with every model field', async () => {
    const created = await client.createSmsTemplate(
      new Sms.CreateSmsTemplateRequest({
        templateName: '发货通知',
        templateContent: '您的订单${order}已发货',
        templateType: 1,
        remark: 'test',
        relatedSignName: '阿里云短信测试',
        templateRule: '{"order":"characterWithNumber"}',
        trafficDriving: 'https://example.com',
      }),
    );
    assert.equal(created.body.code, 'OK');
    assert.match(created.body.templateCode, /^SMS_\d{9}$/);
    assertComplete(Sms.CreateSmsTemplateResponseBody, created, 'CreateSmsTemplate');
    const code = created.body.templateCode;
    const got = await client.getSmsTemplate(new Sms.GetSmsTemplateRequest({ templateCode: code }));
    assert.equal(got.body.templateStatus, '0');
    assert.equal(got.body.relatedSignName, '阿里云短信测试');
    assert.equal(got.body.variableAttribute, '{"order":"characterWithNumber"}');
    assertComplete(Sms.GetSmsTemplateResponseBody, got, 'GetSmsTemplate');

    await review('templates', code, { status: 'rejected', reason: '变量未说明用途' });
    const list = await client.getSmsTemplateList(
      new Sms.GetSmsTemplateListRequest({ pageIndex: 1, pageSize: 10, templateCode: code }),
    );
    assert.equal(list.body.data.total, 1);
    assert.equal(list.body.data.list[0].auditStatus, 2);
    assertComplete(Sms.GetSmsTemplateListResponseBody, list, 'GetSmsTemplateList');
    const old = await client.querySmsTemplateList(new Sms.QuerySmsTemplateListRequest({ pageIndex: 1, pageSize: 50 }));
    assertComplete(Sms.QuerySmsTemplateListResponseBody, old, 'QuerySmsTemplateList');
    const oldItem = old.body.smsTemplateList.find((t: { templateCode: string }) => t.templateCode === code);
    assert.equal(oldItem.reason.rejectInfo, '变量未说明用途');
    assert.equal(oldItem.signatureName, '阿里云短信测试');

    const updated = await client.updateSmsTemplate(
      new Sms.UpdateSmsTemplateRequest({
        templateCode: code,
        templateName: '发货通知',
        templateContent: '订单${order}已发货，请留意',
        templateType: 1,
        remark: 'fixed',
      }),
    );
    assert.equal(updated.body.code, 'OK');
    assertComplete(Sms.UpdateSmsTemplateResponseBody, updated, 'UpdateSmsTemplate');
    clock.advance(5 * 60_000);
    const approved = await client.getSmsTemplate(new Sms.GetSmsTemplateRequest({ templateCode: code }));
    assert.equal(approved.body.templateStatus, '1');
    assert.equal(approved.body.templateContent, '订单${order}已发货，请留意');
  });

  it('an approved template cannot be updated; an unknown one is isv.SMS_TEMPLATE_ILLEGAL', async () => {
    const update = (templateCode: string) =>
      client.updateSmsTemplate(
        new Sms.UpdateSmsTemplateRequest({ templateCode, templateName: 'n', templateContent: 'c', templateType: 1 }),
      );
    assert.equal((await update('SMS_154950909')).body.code, 'isv.SMS_TEMPLATE_ILLEGAL');
    assert.equal((await update('SMS_000000000')).body.code, 'isv.SMS_TEMPLATE_ILLEGAL');
  });
});
