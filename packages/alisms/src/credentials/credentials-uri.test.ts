import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../core/clock.js';
import { CredentialsSourceError } from './credentials-source-error.js';
import { fromCredentialsUri } from './credentials-uri.js';
import { memoize } from './memoize.js';

/** A local credentials server on 127.0.0.1; each test shapes its answer. */
const uri = { status: 200, body: '' as string | undefined, hits: 0, paths: [] as string[], expiration: '' };

const server = createServer((req, res) => {
  uri.hits += 1;
  uri.paths.push(req.url ?? '');
  const body =
    uri.body ??
    JSON.stringify({
      AccessKeyId: `STS.uri${uri.hits}`,
      AccessKeySecret: `uri-secret-${uri.hits}`,
      SecurityToken: `uri-token-${uri.hits}`,
      Expiration: uri.expiration,
    });
  res.writeHead(uri.status, { 'content-type': 'application/json' }).end(body);
});
let base = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() =>
  Object.assign(uri, { status: 200, body: undefined, hits: 0, paths: [], expiration: '2026-01-01T01:00:00Z' }),
);

const env = () => ({ ALIBABA_CLOUD_CREDENTIALS_URI: `${base}/creds?token=query-secret` });

describe('fromCredentialsUri', () => {
  it('skips when ALIBABA_CLOUD_CREDENTIALS_URI is not set', async () => {
    await assert.rejects(fromCredentialsUri({ env: {} })(), {
      name: 'CredentialsProviderSkip',
      reason: 'ALIBABA_CLOUD_CREDENTIALS_URI not set',
    });
  });

  it('reads the four fields and keeps the query string out of the source', async () => {
    const c = await fromCredentialsUri({ env: env() })();
    assert.equal(c.accessKeyId, 'STS.uri1');
    assert.equal(c.accessKeySecret, 'uri-secret-1');
    assert.equal(c.securityToken, 'uri-token-1');
    assert.equal(c.expiration, Date.parse('2026-01-01T01:00:00Z'));
    assert.equal(c.source, `credentials-uri:${base}/creds`);
    assert.deepEqual(uri.paths, ['/creds?token=query-secret']);
  });

  it('fails on a status other than 200', async () => {
    uri.status = 500;
    await assert.rejects(fromCredentialsUri({ env: env() })(), (e: unknown) => {
      assert.ok(e instanceof CredentialsSourceError);
      assert.match(e.message, /answered HTTP 500, expected 200/);
      assert.equal(e.retryable, true);
      return true;
    });
  });

  it('fails on a body that is not JSON, or lacks fields', async () => {
    uri.body = '<html>gateway</html>';
    await assert.rejects(fromCredentialsUri({ env: env() })(), /the answer is not JSON/);
    uri.body = JSON.stringify({ AccessKeyId: 'STS.x', AccessKeySecret: 's' });
    await assert.rejects(fromCredentialsUri({ env: env() })(), {
      field: 'SecurityToken',
      message: /lacks SecurityToken, Expiration/,
    });
    uri.body = '[1]';
    await assert.rejects(fromCredentialsUri({ env: env() })(), /not a JSON object/);
  });

  it('fails on a value that is not an http(s) URL', async () => {
    await assert.rejects(fromCredentialsUri({ env: { ALIBABA_CLOUD_CREDENTIALS_URI: 'not a url' } })(), {
      field: 'ALIBABA_CLOUD_CREDENTIALS_URI',
    });
    await assert.rejects(fromCredentialsUri({ env: { ALIBABA_CLOUD_CREDENTIALS_URI: 'file:///etc/passwd' } })(), {
      message: /must be http or https/,
    });
  });

  it('is fetched again before Expiration under memoize', async () => {
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    const memo = memoize(fromCredentialsUri({ env: env() }), { clock, refreshBeforeMs: 5 * 60_000 });
    assert.equal((await memo()).accessKeyId, 'STS.uri1');
    clock.set(Date.parse('2026-01-01T00:54:59Z'));
    assert.equal((await memo()).accessKeyId, 'STS.uri1');
    uri.expiration = '2026-01-01T02:00:00Z';
    clock.set(Date.parse('2026-01-01T00:55:00Z'));
    assert.equal((await memo()).accessKeyId, 'STS.uri2');
    assert.equal(uri.hits, 2);
  });
});
