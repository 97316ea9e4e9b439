import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RpcVector, signatureVectors } from '../../../test/helpers/spec.js';
import { run } from './run.js';
import { captureIo } from './shared/capture-io.js';

const vectors = signatureVectors();

function pairs(params: Record<string, string>): string[] {
  return Object.entries(params).map(([k, v]) => `${k}=${v}`);
}

describe('alisms sign', () => {
  for (const vector of vectors.rpc_v1) {
    it(`reproduces the RPC v1 vector "${vector.name}"`, async () => {
      const { io, stdout } = captureIo({ SECRET_UNDER_TEST: vector.accessKeySecret });
      const argv = ['sign', '--only', 'v1', '-X', vector.method, '--secret-env', 'SECRET_UNDER_TEST', '--json'];
      const code = await run([...argv, ...pairs(vector.params)], io);
      assert.equal(code, 0);
      const { v1 } = JSON.parse(stdout()) as { v1: { stringToSign: string; signature: string } };
      // STS tokens are blanked in what is printed, but the signature is still over the real token.
      if (vector.stringToSign && !vector.params.SecurityToken) assert.equal(v1.stringToSign, vector.stringToSign);
      assert.equal(v1.signature, vector.signature);
    });
  }

  for (const vector of vectors.v3) {
    if (vector.headers.host === undefined) continue;
    it(`reproduces the V3 vector "${vector.name}"`, async () => {
      const { 'x-acs-date': date, 'x-acs-signature-nonce': nonce, host, ...rest } = vector.headers;
      const { io, stdout } = captureIo({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: vector.accessKeySecret });
      const extra = Object.entries(rest)
        .filter(([name]) => !['x-acs-action', 'x-acs-version', 'x-acs-content-sha256', 'content-type'].includes(name))
        .flatMap(([name, value]) => ['-H', `${name}=${value}`]);
      const argv = ['sign', '--only', 'v3', '--json', '--access-key-id', vector.accessKeyId, '-X', vector.method];
      argv.push('--host', host as string, '--timestamp', date as string, '--nonce', nonce as string);
      argv.push('--action', rest['x-acs-action'] as string, '--api-version', rest['x-acs-version'] as string);
      if (vector.body) argv.push('--body', vector.body);
      const code = await run([...argv, ...extra, ...pairs(vector.query)], io);
      assert.equal(code, 0);
      const { v3 } = JSON.parse(stdout()) as { v3: { signature: string } };
      assert.equal(v3.signature, vector.signature);
    });
  }

  it('prints both schemes as text and never the secret', async () => {
    const secret = 'CanarySecret-9f8e7d6c';
    const { io, stdout, stderr } = captureIo({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret,
    });
    const code = await run(['sign', 'PhoneNumbers=13800138000', 'TemplateParam={"name":"a b"}'], io);
    assert.equal(code, 0);
    const text = stdout();
    assert.match(text, /RPC v1 \(HMAC-SHA1/);
    assert.match(text, /V3 \(ACS3-HMAC-SHA256\)/);
    assert.match(text, /TemplateParam=%7B%22name%22%3A%22a%20b%22%7D/, 'a space is %20 in the canonical query');
    assert.match(text, /authorization: ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;/);
    assert.ok(!text.includes(secret) && !stderr().includes(secret));
  });

  it('blanks an STS token in the printed canonical strings', async () => {
    const token = 'CAIS-canary-token-0123456789';
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.testid', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret' };
    const { io, stdout } = captureIo({ ...env, ALIBABA_CLOUD_SECURITY_TOKEN: token });
    assert.equal(await run(['sign', 'PhoneNumbers=13800138000'], io), 0);
    assert.ok(!stdout().includes(token));
    assert.match(stdout(), /SecurityToken=\[REDACTED\]/);
    assert.match(stdout(), /x-acs-security-token:\[REDACTED\]/);
  });

  it('says whether a Signature copied from a failing request matches, exit 1 when not', async () => {
    const vector = vectors.rpc_v1.find((v) => v.name.includes('SendSms example') && v.method === 'GET') as RpcVector;
    const env = { ALIBABA_CLOUD_ACCESS_KEY_SECRET: vector.accessKeySecret };
    const good = captureIo(env);
    const argv = ['sign', '--only', 'v1', '-X', 'GET', ...pairs(vector.params)];
    assert.equal(await run([...argv, `Signature=${vector.signature}`], good.io), 0);
    assert.match(good.stdout(), /the given Signature matches/);
    const bad = captureIo(env);
    assert.equal(await run([...argv, 'Signature=AAAAAAAAAAAAAAAAAAAAAAAAAAA='], bad.io), 1);
    assert.match(bad.stdout(), /does NOT match/);
  });

  it('is a usage error (exit 2) without a secret or with a malformed param', async () => {
    const noSecret = captureIo({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid' });
    assert.equal(await run(['sign', 'A=1'], noSecret.io), 2);
    assert.match(noSecret.stderr(), /no AccessKey secret: set ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    const badPair = captureIo({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' });
    assert.equal(await run(['sign', 'novalue'], badPair.io), 2);
    assert.match(badPair.stderr(), /expected key=value, got "novalue"/);
  });
});
