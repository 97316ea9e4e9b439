import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { codeSmsParams, TEST_SIGN, TEST_TEMPLATE, useEmulator } from '../../../test/helpers/emulator.js';
import { MemoryStore, type StoredMessage, startEmulator } from '../src/index.js';
import { callAliyun, type SignedCall } from '../src/testing/signed-request.js';

const NOW = Date.UTC(2026, 10, 23, 4, 0, 0);
const SEND = { action: 'SendSms', params: codeSmsParams() };
const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe('gateway: signatures, timestamps, nonces, keys', () => {
  const clock = new ManualClock(NOW);
  const running = useEmulator({
    clock,
    delivery: false,
    config: {
      flowControl: { enabled: false },
      accessKeys: [
        { id: 'testid', secret: 'testsecret' },
        { id: 'STS.tempid', secret: 'tempsecret', securityToken: 'sts-token-value' },
        { id: 'offid', secret: 'offsecret', disabled: true },
      ],
    },
  });
  const call = (c: Partial<SignedCall> = {}) => callAliyun(running.url, { ...SEND, now: NOW, ...c });

  for (const scheme of ['v3', 'rpc'] as const) {
    for (const method of ['POST', 'GET'] as const) {
      for (const placement of ['query', 'form'] as const) {
        if (method === 'GET' && placement === 'form') continue;
        it(`${scheme} ${method} params in ${placement}: 200 with Aliyun's JSON`, async () => {
          const res = await call({ scheme, method, placement });
          assert.equal(res.status, 200, res.text);
          assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
          assert.equal(res.json.Code, 'OK');
          assert.match(res.json.RequestId, UUID_UPPER);
          assert.match(res.json.BizId, /^\d{18}\^0$/);
        });
      }
    }
  }

  it('v3 bad secret: SignatureDoesNotMatch with the server string to sign, full error body', async () => {
    const res = await call({ accessKeySecret: 'wrong' });
    assert.equal(res.status, 400);
    assert.equal(res.json.Code, 'SignatureDoesNotMatch');
    assert.match(res.json.Message, /server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    assert.equal(res.json.HostId, 'dysmsapi.aliyuncs.com');
    assert.match(res.json.RequestId, UUID_UPPER);
    assert.match(res.json.Recommend, /^https:\/\/api\.aliyun\.com\/troubleshoot\?q=SignatureDoesNotMatch/);
    assert.ok(!res.text.includes('testsecret'));
  });

  it('rpc bad secret: the string to sign starts with the method', async () => {
    const res = await call({ scheme: 'rpc', method: 'GET', accessKeySecret: 'wrong' });
    assert.equal(res.status, 400);
    assert.equal(res.json.Code, 'SignatureDoesNotMatch');
    assert.match(res.json.Message, /server string to sign is:GET&%2F&AccessKeyId%3Dtestid/);
  });

  it('a parameter changed after signing does not verify (v3 query, v3 body, rpc)', async () => {
    const v3 = await call({
      tamper: (p) => {
        p.query.TemplateParam = '{"code":"9999"}';
      },
    });
    assert.equal(v3.json.Code, 'SignatureDoesNotMatch');
    const body = await call({
      placement: 'form',
      tamper: (p) => {
        p.body = p.body.replace('1234', '9999');
      },
    });
    assert.equal(body.json.Code, 'SignatureDoesNotMatch');
    const rpc = await call({
      scheme: 'rpc',
      tamper: (p) => {
        p.query.PhoneNumbers = '13900139000';
      },
    });
    assert.equal(rpc.json.Code, 'SignatureDoesNotMatch');
  });

  it('missing RPC parameters: Missing<Name>, HTTP 400', async () => {
    const res = await call({
      scheme: 'rpc',
      tamper: (p) => {
        delete p.query.SignatureNonce;
      },
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.Code, 'MissingSignatureNonce');
    assert.equal(res.json.Message, 'SignatureNonce is mandatory for this action.');
    const noAk = await call({
      scheme: 'rpc',
      tamper: (p) => {
        delete p.query.AccessKeyId;
      },
    });
    assert.equal(noAk.json.Code, 'MissingAccessKeyId');
  });

  it('missing business parameters: Missing<Name>, HTTP 400', async () => {
    const res = await call({ params: { SignName: TEST_SIGN, TemplateCode: TEST_TEMPLATE } });
    assert.equal(res.status, 400);
    assert.equal(res.json.Code, 'MissingPhoneNumbers');
  });

  it('timestamps: malformed, and more than 15 minutes off either way', async () => {
    const bad = await call({
      scheme: 'rpc',
      tamper: (p) => {
        p.query.Timestamp = '2026/11/23 04:00';
      },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.Code, 'InvalidTimeStamp.Format');
    const old = await call({ now: NOW - 15 * 60_000 - 1000 });
    assert.equal(old.json.Code, 'InvalidTimeStamp.Expired');
    const future = await call({ scheme: 'rpc', now: NOW + 16 * 60_000 });
    assert.equal(future.json.Code, 'InvalidTimeStamp.Expired');
    const edge = await call({ now: NOW - 14 * 60_000 });
    assert.equal(edge.json.Code, 'OK');
  });

  it('nonce replay per AccessKeyId, forgotten once the window has passed', async () => {
    const first = await call({ nonce: 'fixed-nonce-1', now: clock.now() });
    assert.equal(first.json.Code, 'OK');
    const replay = await call({ nonce: 'fixed-nonce-1', now: clock.now() });
    assert.equal(replay.status, 400);
    assert.equal(replay.json.Code, 'SignatureNonceUsed');
    const otherKey = await call({
      nonce: 'fixed-nonce-1',
      now: clock.now(),
      accessKeyId: 'STS.tempid',
      accessKeySecret: 'tempsecret',
      securityToken: 'sts-token-value',
    });
    assert.equal(otherKey.json.Code, 'OK');
    clock.advance(16 * 60_000);
    const later = await call({ nonce: 'fixed-nonce-1', now: clock.now() });
    assert.equal(later.json.Code, 'OK');
    clock.set(NOW);
  });

  it('unknown key 404, disabled key 400', async () => {
    const unknown = await call({ accessKeyId: 'nobody' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.Code, 'InvalidAccessKeyId.NotFound');
    const disabled = await call({ scheme: 'rpc', accessKeyId: 'offid', accessKeySecret: 'offsecret' });
    assert.equal(disabled.status, 400);
    assert.equal(disabled.json.Code, 'InvalidAccessKeyId.Inactive');
  });

  for (const scheme of ['v3', 'rpc'] as const) {
    it(`${scheme} STS: the token is required and must match`, async () => {
      const sts = { scheme, accessKeyId: 'STS.tempid', accessKeySecret: 'tempsecret' };
      assert.equal((await call({ ...sts, securityToken: 'sts-token-value' })).json.Code, 'OK');
      assert.equal((await call(sts)).json.Code, 'MissingSecurityToken');
      const wrong = await call({ ...sts, securityToken: 'other-token' });
      assert.equal(wrong.json.Code, 'InvalidSecurityToken.Malformed');
      assert.ok(!wrong.text.includes('sts-token-value'));
    });
  }

  it('v3: malformed Authorization or an unsigned x-acs header is IncompleteSignature', async () => {
    const malformed = await call({
      tamper: (p) => {
        p.headers.authorization = 'ACS3-HMAC-SHA256 nonsense';
      },
    });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.Code, 'IncompleteSignature');
    const extra = await call({
      tamper: (p) => {
        p.headers['x-acs-extra'] = 'x';
      },
    });
    assert.equal(extra.json.Code, 'IncompleteSignature');
  });

  it('v3: a body that does not match x-acs-content-sha256 is refused', async () => {
    const res = await call({
      placement: 'form',
      tamper: (p) => {
        p.body += '&X=1';
      },
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.Code, 'SignatureDoesNotMatch');
  });

  it('unknown action 404, unknown version 400, bad Format 400', async () => {
    const action = await call({ action: 'SendSMS' });
    assert.equal(action.status, 404);
    assert.equal(action.json.Code, 'InvalidAction.NotFound');
    const version = await call({ scheme: 'rpc', version: '2099-01-01' });
    assert.equal(version.status, 400);
    assert.equal(version.json.Code, 'InvalidVersion');
    const format = await call({ scheme: 'rpc', format: 'YAML' });
    assert.equal(format.json.Code, 'InvalidParameter.Format');
  });

  it('Format=XML answers XML for success and for errors', async () => {
    const ok = await call({ scheme: 'rpc', format: 'XML', method: 'GET' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['content-type'], 'text/xml;charset=utf-8');
    assert.match(
      ok.text,
      /^<\?xml version='1\.0' encoding='UTF-8'\?><SendSmsResponse><RequestId>[0-9A-F-]{36}<\/RequestId>/,
    );
    assert.match(ok.text, /<Code>OK<\/Code>.*<BizId>\d{18}\^0<\/BizId><\/SendSmsResponse>$/);
    const error = await call({ scheme: 'rpc', format: 'xml', accessKeySecret: 'wrong' });
    assert.equal(error.status, 400);
    assert.match(error.text, /<Error><RequestId>.*<Code>SignatureDoesNotMatch<\/Code><Message>.*POST&amp;%2F&amp;/);
  });
});

describe('internal failures', () => {
  it('answer 500 InternalError like Aliyun and reach the log', async () => {
    class BrokenStore extends MemoryStore {
      override async add(_message: StoredMessage): Promise<void> {
        throw new Error('disk full');
      }
    }
    const lines: string[] = [];
    const running = await startEmulator({
      store: new BrokenStore(),
      delivery: false,
      log: (line) => lines.push(line),
    });
    try {
      const res = await callAliyun(running.url, { ...SEND, now: Date.now() });
      assert.equal(res.status, 500);
      assert.equal(res.json.Code, 'InternalError');
      assert.ok(!res.text.includes('disk full'));
      assert.equal(lines.length, 1);
      assert.match(lines[0] ?? '', /^SendSms [0-9A-F-]{36} failed inside the emulator: Error: disk full/);
    } finally {
      await running.close();
    }
  });
});
