import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { type RpcVector, signatureVectors } from '../../../../test/helpers/spec.js';
import { isInvalidArgumentError } from '../core/invalid-argument-error.js';
import type { HttpRequest } from '../transport/http-types.js';
import { createNodeHttpTransport } from '../transport/node-http.js';
import { AliyunSMS } from './aliyun-sms.js';
import { hmac64 } from './hmac64.js';

const rpcVectors = signatureVectors().rpc_v1;
const vector = (name: string): RpcVector => rpcVectors.find((v) => v.name === name) as RpcVector;

/** A real keep-alive transport that also keeps every request it sends. */
function recordingTransport() {
  const inner = createNodeHttpTransport();
  const sent: HttpRequest[] = [];
  return {
    sent,
    close: inner.close,
    send: (request: HttpRequest) => {
      sent.push(request);
      return inner.send(request);
    },
  };
}

function queryOf(request: HttpRequest | undefined): URLSearchParams {
  return new URLSearchParams((request?.path ?? '').split('?')[1] ?? '');
}

describe('AliyunSMS.generateSignature and hmac64', () => {
  const sms = new AliyunSMS({ accessKeyId: 'testId', accessKeySecret: 'testSecret', endpoint: 'http://127.0.0.1:9' });
  after(() => sms.close());

  it('reproduces the official SendSms vector, as the Python package does', () => {
    const official = vector('official SMS SendSms example');
    assert.equal(sms.generateSignature(official.params), 'zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    assert.equal(hmac64(official.stringToSign as string, 'testSecret&'), official.signature);
  });

  it('signs with the method given and ignores the order of the parameters (Python signed them as given)', () => {
    const post = vector('SendSms example signed as POST');
    const reversed = Object.fromEntries(Object.entries(post.params).reverse());
    assert.equal(sms.generateSignature(reversed, 'POST'), post.signature);
    assert.equal(sms.generateSignature({ ...post.params, Signature: 'ignored' }, 'post', '/'), post.signature);
  });

  it('encodes a space as %20, not +, where the Python package gets TV4 wrong', () => {
    const space = vector('value with space/*/~ #1');
    const signature = sms.generateSignature(space.params);
    assert.equal(signature, space.signature);
    assert.notEqual(signature, 'b09Sr/9+PbLqCEys4bbCdd0r90w=', 'the Python package signature for TV4');
    assert.equal(sms.generateSignature(vector('value with space/*/~ #2').params), 'JdJzkHkZZhTUpDoHjBKaMMzzhRs=');
  });

  it('throws InvalidArgumentError, not a bare TypeError, when called with no parameters', () => {
    assert.throws(
      () => (sms.generateSignature as unknown as () => string)(),
      (e: unknown) => isInvalidArgumentError(e) && e.field === 'params',
    );
  });

  it('needs a secret given to the constructor', () => {
    const noSecret = new AliyunSMS({ endpoint: 'http://127.0.0.1:9', env: {} });
    assert.throws(() => noSecret.generateSignature({ A: '1' }), isInvalidArgumentError);
    noSecret.close();
  });
});

describe('AliyunSMS against the emulator', () => {
  let running: RunningEmulator;
  let dir: string;
  before(async () => {
    running = await startEmulator({ port: 0, delivery: false });
    dir = mkdtempSync(join(tmpdir(), 'alisms-facade-'));
  });
  after(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs every call afresh and sends only that call’s parameters (Python reused the nonce and leaked)', async () => {
    const transport = recordingTransport();
    const sms = new AliyunSMS({
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
      host: running.url,
      signatureVersion: 'v1',
      transport: transport.send,
    });
    try {
      const sent = await sms.sendSms('13800138000', '阿里云短信测试', 'SMS_154950909', { code: '1234' });
      assert.ok(sent.bizId);
      // A second call on the same instance: the emulator rejects a reused nonce and a stale signature.
      const details = await sms.queryDetails('13800138000', sent.bizId);
      assert.equal(details.totalCount, 1);
      const [first, second] = transport.sent.map(queryOf);
      assert.notEqual(first?.get('SignatureNonce'), second?.get('SignatureNonce'));
      for (const leaked of ['PhoneNumbers', 'SignName', 'TemplateCode', 'TemplateParam'])
        assert.equal(second?.has(leaked), false, `${leaked} leaked into QuerySendDetails`);
      assert.equal(second?.get('Action'), 'QuerySendDetails');
      assert.equal(second?.getAll('Signature').length, 1);
    } finally {
      sms.close();
      transport.close();
    }
  });

  it('sends a space in a template value as %20 on the wire, and the server verifies it', async () => {
    const transport = recordingTransport();
    const sms = new AliyunSMS({
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
      host: running.url,
      signatureVersion: 'v1',
      transport: transport.send,
    });
    try {
      await sms.sendSms(['13800138001'], '阿里云短信测试', 'SMS_154950909', { code: '1234', note: 'a b' });
      const path = transport.sent[0]?.path ?? '';
      assert.match(path, /a%20b/);
      assert.doesNotMatch(path, /a\+b/);
    } finally {
      sms.close();
      transport.close();
    }
  });

  it('reads the Python config layouts (flat and under SMS_params) and sends numbers as strings', async () => {
    const flat = join(dir, 'flat.yml');
    writeFileSync(
      flat,
      `access_key_id: 'testid'\naccess_key_secret: 'testsecret'\nregion_id: 'cn-hangzhou'\nhost: '${running.url}'\n`,
    );
    const nested = join(dir, 'nested.yml');
    writeFileSync(
      nested,
      `SMS_params:\n  access_key_id: testid\n  access_key_secret: testsecret\n  host: ${running.url}\n`,
    );
    for (const [file, phone] of [
      [flat, '13800138002'],
      [nested, '13800138003'],
    ] as const) {
      const sms = new AliyunSMS({ configFile: file });
      try {
        const result = await sms.sendSms(
          phone,
          '阿里云短信测试',
          'SMS_154950909',
          { code: 5678 },
          { OutId: 'order-1' },
        );
        assert.equal(result.outId, 'order-1');
        const stored = running.emulator.store.latest(phone);
        assert.equal(stored?.params?.code, '5678');
        assert.equal(stored?.outId, 'order-1');
      } finally {
        sms.close();
      }
    }
  });

  it('takes the config file as a positional argument, like the Python package', async () => {
    const file = join(dir, 'positional.yml');
    writeFileSync(file, `access_key_id: testid\naccess_key_secret: testsecret\nhost: ${running.url}\n`);
    const sms = new AliyunSMS(file);
    try {
      const result = await sms.sendSms('13800138004', '阿里云短信测试', 'SMS_154950909', { code: 1234 });
      assert.ok(result.bizId);
    } finally {
      sms.close();
    }
  });

  it('rejects keyword arguments Aliyun does not know instead of dropping them', async () => {
    const sms = new AliyunSMS({ accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint: running.url });
    try {
      await assert.rejects(
        sms.sendSms('13800138005', '阿里云短信测试', 'SMS_154950909', { code: 1234 }, { OutID: 'typo' } as never),
        (e: unknown) => isInvalidArgumentError(e) && e.field === 'OutID',
      );
      const sent = await sms.sendSms(
        '13800138005',
        '阿里云短信测试',
        'SMS_154950909',
        { code: 1234 },
        {
          SmsUpExtendCode: '90',
          OutId: 'o-2',
        },
      );
      assert.equal(sent.outId, 'o-2');
      assert.equal(running.emulator.store.latest('13800138005')?.outId, 'o-2');
    } finally {
      sms.close();
    }
  });
});
