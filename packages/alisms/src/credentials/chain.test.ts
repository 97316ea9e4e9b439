import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chain, chainWith } from './chain.js';
import { CredentialsNotFoundError } from './credentials-not-found-error.js';
import { CredentialsProviderSkip } from './credentials-provider-skip.js';
import { CredentialsSourceError } from './credentials-source-error.js';
import { createCredentials } from './resolved-credentials.js';
import type { CredentialProvider } from './types.js';

const skip =
  (source: string, reason: string, calls: string[]): CredentialProvider =>
  async () => {
    calls.push(source);
    throw new CredentialsProviderSkip(source, reason);
  };
const give =
  (source: string, calls: string[]): CredentialProvider =>
  async () => {
    calls.push(source);
    return createCredentials({ accessKeyId: `id-${source}`, accessKeySecret: 'secret', source });
  };

describe('chain', () => {
  it('returns the first provider that applies and does not call the rest', async () => {
    const calls: string[] = [];
    const c = await chain(skip('a', 'no a', calls), give('b', calls), give('c', calls))();
    assert.equal(c.source, 'b');
    assert.deepEqual(calls, ['a', 'b']);
  });

  it('stops at a broken provider instead of falling through to another identity', async () => {
    const calls: string[] = [];
    const broken: CredentialProvider = async () => {
      calls.push('broken');
      throw new CredentialsSourceError('broken', 'needs access_key_secret', { field: 'access_key_secret' });
    };
    await assert.rejects(chain(broken, give('later', calls))(), { name: 'CredentialsSourceError' });
    assert.deepEqual(calls, ['broken']);
  });

  it('stops at any other error too', async () => {
    const failing: CredentialProvider = async () => {
      throw new TypeError('bug');
    };
    await assert.rejects(chain(failing, give('later', []))(), TypeError);
  });

  it('lists every place and reason, in order, when nothing applies', async () => {
    const calls: string[] = [];
    await assert.rejects(
      chain(skip('first', 'reason one', calls), skip('second', 'reason two', calls))(),
      (e: unknown) => {
        assert.ok(e instanceof CredentialsNotFoundError);
        assert.equal(e.code, 'ALISMS_NO_CREDENTIALS');
        assert.deepEqual(e.attempts, [
          { source: 'first', reason: 'reason one' },
          { source: 'second', reason: 'reason two' },
        ]);
        assert.match(e.message, /1\. first: reason one\n\s+2\. second: reason two/);
        assert.match(e.message, /To fix it/);
        return true;
      },
    );
  });

  it('uses a custom fix sentence', async () => {
    await assert.rejects(chainWith({ fix: 'Run alisms login.' }, skip('x', 'y', []))(), /Run alisms login\.$/);
  });

  it('says so when it has no providers', async () => {
    await assert.rejects(chain()(), /No provider was configured/);
  });
});
