// The SDK's requests for the newer operations, re-signed by the official signer (@alicloud/openapi-util,
// what the official Node clients use): the V3 Authorization header and the RPC v1 Signature must be exactly
// what the official code computes from the same request. The emulator shares the SDK's sign module, so it
// alone could not catch a signing mistake; this can.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import OpenApiUtilModule from '@alicloud/openapi-util';
import type { ClientOptions, HttpRequest } from '../src/index.js';
import { DypnsClient, IntlSmsClient, MailClient, SmsClient, SmsManagementClient } from '../src/index.js';

// biome-ignore lint/suspicious/noExplicitAny: CommonJS default export through ESM interop
const OpenApiUtil = ((OpenApiUtilModule as any).default ?? OpenApiUtilModule) as any;
const SECRET = 'official-signer-test-secret';

/** Runs `call` with a transport that records the request and answers `{ Code: OK }`. */
async function capture(
  signatureVersion: 'v3' | 'v1',
  call: (options: ClientOptions) => Promise<unknown>,
): Promise<HttpRequest> {
  let captured: HttpRequest | undefined;
  await call({
    accessKeyId: 'LTAI-official-signer',
    accessKeySecret: SECRET,
    endpoint: 'https://example.aliyuncs.com',
    signatureVersion,
    retries: 0,
    transport: async (request) => {
      captured = request;
      // Direct Mail's success carries no Code (a Code means an error there).
      const mail = `${request.path} ${request.headers['x-acs-version'] ?? ''}`.includes('2015-11-23');
      return {
        status: 200,
        headers: {},
        body: mail ? '{"RequestId":"R"}' : '{"RequestId":"R","Code":"OK","Model":{}}',
      };
    },
  });
  assert.ok(captured, 'no request was sent');
  return captured;
}

function queryOf(request: HttpRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.path.split('?')[1] ?? ''));
}

function assertOfficialV3(request: HttpRequest): void {
  const expected = OpenApiUtil.getAuthorization(
    { pathname: '/', method: request.method, query: queryOf(request), headers: request.headers },
    'ACS3-HMAC-SHA256',
    request.headers['x-acs-content-sha256'],
    'LTAI-official-signer',
    SECRET,
  );
  assert.equal(request.headers.authorization, expected);
}

function assertOfficialV1(request: HttpRequest): void {
  const { Signature, ...params } = queryOf(request);
  const form = request.body ? Object.fromEntries(new URLSearchParams(request.body)) : {};
  assert.equal(Signature, OpenApiUtil.getRPCSignature({ ...params, ...form }, request.method, SECRET));
}

/** Every operation named by the issue, as the SDK calls it (rows are added as operations are). */
const OPERATIONS: Array<[string, (options: ClientOptions) => Promise<unknown>]> = [
  [
    'Dypns SendSmsVerifyCode',
    (o) =>
      new DypnsClient(o).sendSmsVerifyCode({
        phoneNumber: '13800138000',
        signName: '速通互联验证码',
        templateCode: '100001',
        schemeName: '登录 scheme*',
        outId: "o'(1)!",
      }),
  ],
  [
    'Dypns CheckSmsVerifyCode',
    (o) => new DypnsClient(o).checkSmsVerifyCode({ phoneNumber: '13800138000', verifyCode: 'aB3~', caseAuthPolicy: 2 }),
  ],
  [
    'CreateSmsSign',
    (o) =>
      new SmsManagementClient(o).createSmsSign({
        signName: '新店铺',
        signSource: 0,
        qualificationId: 1,
        moreData: ['https://example.com/a b.png'],
        applySceneContent: 'https://example.com/?a=1&b=(2)',
      }),
  ],
  ['GetSmsSign', (o) => new SmsManagementClient(o).getSmsSign({ signName: '新店铺' })],
  [
    'UpdateSmsSign',
    (o) => new SmsManagementClient(o).updateSmsSign({ signName: '新店铺', signSource: 5, thirdParty: true }),
  ],
  [
    'CreateSmsTemplate',
    (o) =>
      new SmsManagementClient(o).createSmsTemplate({
        templateName: '通知',
        templateContent: '您的订单${order}已发货！*',
        templateType: 1,
        templateRule: '{"order":"characterWithNumber"}',
      }),
  ],
  ['GetSmsTemplate', (o) => new SmsManagementClient(o).getSmsTemplate({ templateCode: 'SMS_123456789' })],
  [
    'UpdateSmsTemplate',
    (o) =>
      new SmsManagementClient(o).updateSmsTemplate({
        templateCode: 'SMS_123456789',
        templateName: '通知',
        templateContent: '订单 ${order} ~',
        templateType: 1,
      }),
  ],
  ['GetSmsTemplateList', (o) => new SmsManagementClient(o).getSmsTemplateList({ templateName: '通知', pageSize: 50 })],
  [
    'SmsConversionIntl',
    (o) => new SmsClient(o).smsConversionIntl({ messageId: '900619746936498440^0', conversionTime: 1_700_000_000_000 }),
  ],
  [
    'ConversionDataIntl',
    (o) => new SmsClient(o).conversionDataIntl({ conversionRate: 0.53, reportTime: 1_700_000_000_000 }),
  ],
  [
    'SmsConversion (2018-05-01)',
    (o) =>
      new IntlSmsClient(o).smsConversion({
        messageId: '1008030300*',
        to: '+85212455670',
        delivered: false,
        conversionTime: 1_700_000_000_000,
      }),
  ],
  [
    'ConversionData (2018-05-01)',
    (o) => new IntlSmsClient(o).conversionData({ conversionRate: 0.53, reportTime: 1_700_000_000_000 }),
  ],
  [
    'SingleSendMail (every field)',
    (o) =>
      new MailClient(o).singleSendMail({
        accountName: 'noreply@mail.example.com',
        toAddress: ['a@example.com', 'b+x@example.com'],
        bccAddress: 'c@example.com',
        subject: '账单 (1) *',
        template: { templateId: '415366', templateData: { name: "O'Brien ~" } },
        attachments: [{ name: '发票 1.pdf', url: 'https://files.example.com/a%20b.pdf?x=1&y=(2)' }],
        headers: { 'Message-ID': '<m-1@example.com>', 'X-User-UID1': 'UID 1' },
        ipPoolId: 'pool-1',
        domainAuth: true,
        unSubscribeLinkType: 'default',
        unSubscribeFilterLevel: 'mailfrom_domain',
        fromAlias: '小店',
        tagName: 'tag_1',
        clickTrace: true,
      }),
  ],
  [
    'BatchSendMail (every field)',
    (o) =>
      new MailClient(o).batchSendMail({
        accountName: 'noreply@mail.example.com',
        templateName: '通知',
        receiversName: 'team list',
        headers: { 'X-User-Notify-Batch': 'b*1' },
        ipPoolId: 'pool-1',
        domainAuth: false,
        unSubscribeLinkType: 'disabled',
        unSubscribeFilterLevel: 'edm_id',
      }),
  ],
  [
    'SenderStatisticsDetailByParam',
    (o) =>
      new MailClient(o).senderStatisticsDetailByParam({
        toAddress: 'a@example.com',
        startTime: '2026-12-01 00:00',
        endTime: '2026-12-02 00:00',
        status: 0,
        length: 5,
        nextStart: '90f0243616#203#a***@example.net-1658817837',
      }),
  ],
  [
    'SenderStatisticsByTagNameAndBatchID',
    (o) =>
      new MailClient(o).senderStatisticsByTagNameAndBatchID({
        startTime: '2026-12-01',
        endTime: '2026-12-03',
        tagName: 'tag_1',
        esp: 'gmail.com',
      }),
  ],
  ['DescAccountSummary', (o) => new MailClient(o).descAccountSummary()],
  [
    'QueryMailAddressByParam',
    (o) => new MailClient(o).queryMailAddressByParam({ keyWord: 'noreply@mail', sendtype: 'trigger', pageSize: 20 }),
  ],
];

describe('SDK requests verify under the official signer', () => {
  for (const [name, call] of OPERATIONS) {
    it(`${name}: V3 Authorization`, async () => assertOfficialV3(await capture('v3', call)));
    it(`${name}: RPC v1 Signature`, async () => assertOfficialV1(await capture('v1', call)));
  }
});
