// Issue 10's findings against the SDK: the success rule, unpaired surrogates and redaction of echoed requests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInvalidArgumentError } from '../core/invalid-argument-error.js';
import { redact } from '../core/redact.js';
import { MailClient } from '../mail/mail-client.js';
import { SmsClient } from '../sms/sms-client.js';
import type { HttpRequest, HttpResponse } from './http-types.js';

const SEND = {
  phoneNumbers: '13800138000',
  signName: '阿里云短信测试',
  templateCode: 'SMS_154950909',
  templateParam: { code: '482913' },
};

function sms(answer: (r: HttpRequest) => HttpResponse, signatureVersion: 'v1' | 'v3' = 'v3') {
  const requests: HttpRequest[] = [];
  const client = new SmsClient({
    accessKeyId: 'testid-hardening',
    accessKeySecret: 'example-secret-0123456789',
    env: {},
    retries: 0,
    signatureVersion,
    transport: async (r) => {
      requests.push(r);
      return answer(r);
    },
  });
  return { client, requests };
}

describe('SDK success rule', () => {
  for (const [status, body] of [
    [200, '{}'],
    [302, '{}'],
    [200, '{"Code":123,"RequestId":"R"}'],
    [200, '{"Code":null,"BizId":"b"}'],
  ] as const)
    it(`sendSms rejects ${status} ${body} instead of resolving as sent`, async () => {
      const { client } = sms(() => ({ status, headers: {}, body }));
      // Not Aliyun's success, and not Aliyun's refusal either: for a send that has left, the outcome is
      // unknown (never "sent", never "nothing was sent"), and the OutId is there to look it up.
      await assert.rejects(
        client.sendSms(SEND),
        (e: Error & { outId?: string; cause?: unknown }) =>
          e.name === 'SendOutcomeUnknownError' &&
          typeof e.outId === 'string' &&
          (e.cause as Error | undefined)?.name === 'InvalidResponseError',
      );
    });

  it('Direct Mail succeeds without a Code and fails with one', async () => {
    const mail = (body: string) =>
      new MailClient({
        accessKeyId: 'id',
        accessKeySecret: 'secret',
        env: {},
        retries: 0,
        transport: async () => ({ status: 200, headers: {}, body }),
      });
    const input = { accountName: 'noreply@mail.example.com', toAddress: 'a@example.com', subject: 'Hi', textBody: 'x' };
    assert.equal((await mail('{"EnvId":"6","RequestId":"R"}').singleSendMail(input)).requestId, 'R');
    await assert.rejects(mail('{"Code":"InvalidToAddress","RequestId":"R"}').singleSendMail(input));
  });
});

describe('SDK input with unpaired surrogates', () => {
  it('is an InvalidArgumentError naming the field, before any request', async () => {
    const { client, requests } = sms(() => ({ status: 200, headers: {}, body: '{"Code":"OK"}' }));
    await assert.rejects(
      client.sendSms({ ...SEND, signName: 'bad\ud800' }),
      (e: unknown) => isInvalidArgumentError(e) && e.field === 'SignName',
    );
    assert.equal(requests.length, 0);
  });
});

describe('SDK redaction of an echoed request', () => {
  it('keeps template values, spaced numbers and encoded signatures out of error messages and bodies', async () => {
    for (const version of ['v1', 'v3'] as const) {
      const { client } = sms((r) => {
        const url = new URL(`http://x${r.path}`);
        const signature = url.searchParams.get('Signature') ?? 'none';
        const lower = encodeURIComponent(signature).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
        const message = `bad request: TemplateParam={"code":"482913"} body=${r.body ?? ''} phone 138 0013 8000, +86 138-0013-8000, sig ${lower}`;
        return { status: 400, headers: {}, body: JSON.stringify({ Code: 'InvalidParameter', Message: message }) };
      }, version);
      const error = await client.sendSms(SEND).catch((e: Error) => e);
      const text = `${(error as Error).message} ${JSON.stringify((error as { body?: unknown }).body)}`;
      assert.doesNotMatch(text, /482913/, version);
      assert.doesNotMatch(text, /0013/, version);
      assert.doesNotMatch(text, /sig [A-Za-z0-9]*%[0-9a-f]{2}/, version);
    }
  });

  it('masks every spelling of a phone number', () => {
    for (const spelling of ['13800138000', '138 0013 8000', '+86 138 0013 8000', '138-0013-8000', '138%200013%208000'])
      assert.doesNotMatch(redact(`to ${spelling}.`), /0013/, spelling);
    assert.equal(redact('at 2026-01-01 08:00:00'), 'at 2026-01-01 08:00:00', 'dates stay readable');
  });
});
