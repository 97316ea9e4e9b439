import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseResponse } from './error-factory.js';
import { AliyunApiError, isAliyunApiError } from './errors/aliyun-api-error.js';
import { InvalidResponseError } from './errors/invalid-response-error.js';
import { isThrottlingError, ThrottlingError } from './errors/throttling-error.js';
import type { SuccessRule } from './success-rule.js';

const parse = (status: number, body: unknown, headers = {}, rule: SuccessRule = 'code-ok') =>
  parseResponse(
    {
      status,
      headers,
      text: typeof body === 'string' ? body : JSON.stringify(body),
      secrets: () => ['LTAI-secret-key-id', 'sup3rS3cretValue'],
    },
    rule,
  );

describe('parseResponse', () => {
  it('2xx with Code OK or ResponseCode OK is a success; for Direct Mail, a 2xx without Code', () => {
    assert.equal(parse(200, { Code: 'OK', BizId: '1' }).ok, true);
    assert.equal(parse(200, { ResponseCode: 'OK', MessageId: '1' }).ok, true);
    assert.equal(parse(200, { EnvId: '6', RequestId: 'R' }, {}, 'no-code').ok, true);
    assert.equal(parse(200, { Code: 'OK' }, {}, 'no-code').ok, false, "Direct Mail's success has no Code");
  });

  it('a send is not a success on 200 {}, 302 {}, {"Code":123} or {"Code":null}: InvalidResponseError', () => {
    for (const [status, body] of [
      [200, {}],
      [302, {}],
      [200, { Code: 123 }],
      [200, { Code: null, BizId: 'x' }],
      [302, { Code: 'OK' }],
    ] as const) {
      const r = parse(status, body);
      assert.equal(r.ok, false, `${status} ${JSON.stringify(body)}`);
      if (!r.ok) assert.ok(r.error instanceof InvalidResponseError || r.error instanceof AliyunApiError);
    }
    const r = parse(200, {});
    assert.ok(!r.ok && r.error instanceof InvalidResponseError);
  });

  it('HTTP 200 with Code != OK is an AliyunApiError (dysmsapi business error)', () => {
    const r = parse(200, {
      Code: 'isv.AMOUNT_NOT_ENOUGH',
      Message: '余额不足',
      RequestId: 'R1',
      Recommend: 'https://x',
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.ok(r.error instanceof AliyunApiError);
    assert.equal(r.error.code, 'isv.AMOUNT_NOT_ENOUGH');
    assert.equal(r.error.httpStatus, 200);
    assert.equal(r.error.requestId, 'R1');
    assert.equal(r.error.recommend, 'https://x');
    assert.equal(r.error.message, 'isv.AMOUNT_NOT_ENOUGH: 余额不足 (RequestId R1)');
  });

  it('2018-05-01 ResponseCode != OK throws too', () => {
    const r = parse(200, { ResponseCode: 'MOBILE_NUMBER_ILLEGAL', ResponseDescription: 'bad number', RequestId: 'R' });
    assert.ok(!r.ok && r.code === 'MOBILE_NUMBER_ILLEGAL' && isAliyunApiError(r.error));
  });

  it('classifies by Code first: Throttling* and QPS_LIMIT_CONTROL are ThrottlingError whatever the status', () => {
    for (const [status, code] of [
      [400, 'Throttling.User'],
      [503, 'Throttling'],
      [200, 'QPS_LIMIT_CONTROL'],
    ] as const) {
      const r = parse(status, { Code: code, Message: 'm', RequestId: 'R' }, { 'x-acs-retry-after': '500' });
      assert.ok(!r.ok && r.error instanceof ThrottlingError, code);
      assert.ok(isThrottlingError(r.error) && r.error.retryable && r.error.retryAfterMs === 500);
    }
  });

  it('HTTP status second: a 5xx JSON body without Code is a retryable AliyunApiError', () => {
    const r = parse(503, { Message: 'down' });
    assert.ok(!r.ok && r.error instanceof AliyunApiError);
    assert.equal(r.error.code, 'HTTP503');
    assert.equal(r.error.retryable, true);
  });

  it('a non-JSON body is InvalidResponseError with the status and the start of the body', () => {
    const html = `<html>${'x'.repeat(1000)}</html>`;
    const r = parse(502, html);
    assert.ok(!r.ok && r.error instanceof InvalidResponseError);
    assert.equal(r.error.httpStatus, 502);
    assert.equal(r.error.bodyStart.length, 200);
    assert.ok(r.error.bodyStart.startsWith('<html>xxx'));
    assert.equal(r.error.retryable, true);
    const empty = parse(200, '');
    assert.ok(!empty.ok && empty.error instanceof InvalidResponseError && empty.error.httpStatus === 200);
    assert.ok(!parse(200, '[1,2]').ok, 'an array is not an Aliyun body');
  });

  it('drops the echoed string-to-sign and secrets from message and body, masks phone numbers', () => {
    const r = parse(400, {
      Code: 'SignatureDoesNotMatch',
      Message:
        'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DLTAI-secret-key-id%26PhoneNumbers%3D13800138000',
      RequestId: 'R',
      Echo: 'key sup3rS3cretValue to 13800138000',
    });
    assert.ok(!r.ok);
    const text = `${r.error.message} ${JSON.stringify(r.error.body)}`;
    assert.doesNotMatch(text, /LTAI-secret-key-id|sup3rS3cretValue|13800138000|PhoneNumbers/);
    assert.match(r.error.message, /string to sign is: \[omitted\]/);
    assert.match(JSON.stringify(r.error.body), /138\*\*\*\*8000/);
  });
});
