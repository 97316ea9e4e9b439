import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CredentialsProviderSkip } from './credentials-provider-skip.js';
import { CredentialsSourceError } from './credentials-source-error.js';
import { fromEnv } from './env.js';
import { staticCredentials } from './static.js';

describe('staticCredentials', () => {
  it('returns the given key pair and token', async () => {
    const c = await staticCredentials({ accessKeyId: 'LTAIstatic01', accessKeySecret: 's3', securityToken: 't' })();
    assert.equal(c.accessKeyId, 'LTAIstatic01');
    assert.equal(c.accessKeySecret, 's3');
    assert.equal(c.securityToken, 't');
    assert.equal(c.source, 'static');
  });

  it('skips when nothing is given', async () => {
    await assert.rejects(staticCredentials({})(), (e: unknown) => {
      assert.ok(e instanceof CredentialsProviderSkip);
      assert.equal(e.source, 'static');
      return true;
    });
  });

  it('fails naming the missing half', async () => {
    await assert.rejects(staticCredentials({ accessKeyId: 'LTAIonly' })(), (e: unknown) => {
      assert.ok(e instanceof CredentialsSourceError);
      assert.equal(e.field, 'accessKeySecret');
      return true;
    });
    await assert.rejects(staticCredentials({ accessKeySecret: 'x' })(), { name: 'CredentialsSourceError' });
  });
});

describe('fromEnv', () => {
  it('reads the three variables from the given object', async () => {
    const c = await fromEnv({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenv00001',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'envsecret',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'envtoken',
    })();
    assert.deepEqual(
      [c.accessKeyId, c.accessKeySecret, c.securityToken, c.source],
      ['LTAIenv00001', 'envsecret', 'envtoken', 'env'],
    );
  });

  it('treats an empty token as no token', async () => {
    const c = await fromEnv({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'sec',
      ALIBABA_CLOUD_SECURITY_TOKEN: '',
    })();
    assert.equal(c.securityToken, undefined);
  });

  it('skips with a one-line reason when the variables are absent or empty', async () => {
    for (const env of [{}, { ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' }]) {
      await assert.rejects(fromEnv(env)(), (e: unknown) => {
        assert.ok(e instanceof CredentialsProviderSkip);
        assert.equal(e.reason, 'ALIBABA_CLOUD_ACCESS_KEY_ID not set');
        return true;
      });
    }
  });

  it('fails when only one variable is set, naming the other', async () => {
    await assert.rejects(fromEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'id' })(), (e: unknown) => {
      assert.ok(e instanceof CredentialsSourceError);
      assert.equal(e.field, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET');
      assert.match(e.message, /^env: /);
      return true;
    });
    await assert.rejects(fromEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'sec' })(), {
      field: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    });
  });
});
