import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ManualClock } from '../core/clock.js';
import { CredentialsProviderSkip } from './credentials-provider-skip.js';
import { CredentialsSourceError } from './credentials-source-error.js';
import { type EcsMetadataOptions, fromEcsMetadata } from './ecs-metadata.js';
import { memoize } from './memoize.js';

interface Seen {
  method: string;
  path: string;
  token: string | undefined;
  ttl: string | undefined;
}

/** A stand-in for the ECS metadata service on 127.0.0.1; each test sets `imds` to shape its answers. */
const imds = {
  seen: [] as Seen[],
  tokenStatus: 200,
  role: 'AlismsRole' as string | undefined,
  code: 'Success',
  expiration: '2026-01-01T06:00:00Z',
  issued: 0,
  omit: [] as string[],
  hang: false,
};

function answer(req: IncomingMessage, res: ServerResponse): void {
  const token = req.headers['x-aliyun-ecs-metadata-token'] as string | undefined;
  imds.seen.push({
    method: req.method ?? '',
    path: req.url ?? '',
    token,
    ttl: req.headers['x-aliyun-ecs-metadata-token-ttl-seconds'] as string | undefined,
  });
  if (imds.hang) return; // never answers: the client's read timeout must fire
  if (req.method === 'PUT' && req.url === '/latest/api/token') {
    res.writeHead(imds.tokenStatus).end(imds.tokenStatus === 200 ? 'tok-123' : 'forbidden');
    return;
  }
  if (req.method !== 'GET') return void res.writeHead(405).end();
  if (req.url === '/latest/meta-data/ram/security-credentials/') {
    if (!imds.role) return void res.writeHead(404).end('not found');
    return void res.writeHead(200).end(`${imds.role}\n`);
  }
  if (req.url === `/latest/meta-data/ram/security-credentials/${imds.role}`) {
    imds.issued += 1;
    const body: Record<string, string> = {
      AccessKeyId: `STS.ecs${imds.issued}`,
      AccessKeySecret: `ecs-secret-${imds.issued}`,
      SecurityToken: `ecs-token-${imds.issued}`,
      Expiration: imds.expiration,
      LastUpdated: '2026-01-01T00:00:00Z',
      Code: imds.code,
    };
    for (const key of imds.omit) delete body[key];
    return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
  res.writeHead(404).end();
}

const server = createServer(answer);
let host = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  Object.assign(imds, {
    seen: [],
    issued: 0,
    tokenStatus: 200,
    role: 'AlismsRole',
    code: 'Success',
    omit: [],
    hang: false,
  });
  imds.expiration = '2026-01-01T06:00:00Z';
});

const notEcs = () => 'QEMU\nStandard PC (i440FX + PIIX, 1996)';
const onEcs = () => 'Alibaba Cloud\nAlibaba Cloud ECS';
const provider = (env: Record<string, string>, extra: Partial<EcsMetadataOptions> = {}) =>
  fromEcsMetadata({ env, host, readDmi: onEcs, ...extra });

describe('fromEcsMetadata: when it applies', () => {
  it('never contacts the metadata service on a machine that is not ECS', async () => {
    await assert.rejects(fromEcsMetadata({ env: {}, host, readDmi: notEcs })(), (e: unknown) => {
      assert.ok(e instanceof CredentialsProviderSkip);
      assert.match(e.reason, /not an Alibaba Cloud ECS instance/);
      return true;
    });
    assert.equal(imds.seen.length, 0);
  });

  it('treats a failing DMI reader as "not ECS"', async () => {
    const throwing = () => {
      throw new Error('EACCES');
    };
    await assert.rejects(fromEcsMetadata({ env: {}, host, readDmi: throwing })(), { name: 'CredentialsProviderSkip' });
    assert.equal(imds.seen.length, 0);
  });

  it('never contacts it when ALIBABA_CLOUD_ECS_METADATA_DISABLED=true, even on ECS with a role named', async () => {
    const env = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ALIBABA_CLOUD_ECS_METADATA: 'AlismsRole' };
    await assert.rejects(provider(env)(), { name: 'CredentialsProviderSkip', reason: /DISABLED=true/ });
    assert.equal(imds.seen.length, 0);
  });

  it('applies off ECS when ALIBABA_CLOUD_ECS_METADATA names the role, and skips discovery', async () => {
    const c = await fromEcsMetadata({ env: { ALIBABA_CLOUD_ECS_METADATA: 'AlismsRole' }, host, readDmi: notEcs })();
    assert.equal(c.source, 'ecs-ram-role:AlismsRole');
    assert.deepEqual(
      imds.seen.map((s) => `${s.method} ${s.path}`),
      ['PUT /latest/api/token', 'GET /latest/meta-data/ram/security-credentials/AlismsRole'],
    );
  });
});

describe('fromEcsMetadata: the exchange', () => {
  it('gets an IMDSv2 token, discovers the role and sends the token on every GET', async () => {
    const c = await provider({})();
    assert.equal(c.accessKeyId, 'STS.ecs1');
    assert.equal(c.accessKeySecret, 'ecs-secret-1');
    assert.equal(c.securityToken, 'ecs-token-1');
    assert.equal(c.expiration, Date.parse('2026-01-01T06:00:00Z'));
    assert.equal(imds.seen[0]?.ttl, '21600');
    assert.deepEqual(
      imds.seen.map((s) => [s.method, s.path, s.token]),
      [
        ['PUT', '/latest/api/token', undefined],
        ['GET', '/latest/meta-data/ram/security-credentials/', 'tok-123'],
        ['GET', '/latest/meta-data/ram/security-credentials/AlismsRole', 'tok-123'],
      ],
    );
  });

  it('falls back to IMDSv1 (no token header) when the token request fails', async () => {
    imds.tokenStatus = 403;
    const c = await provider({})();
    assert.equal(c.accessKeyId, 'STS.ecs1');
    assert.deepEqual(
      imds.seen.slice(1).map((s) => s.token),
      [undefined, undefined],
    );
  });

  it('refuses the v1 fallback when ALIBABA_CLOUD_IMDSV1_DISABLED=true', async () => {
    imds.tokenStatus = 403;
    await assert.rejects(provider({ ALIBABA_CLOUD_IMDSV1_DISABLED: 'true' })(), (e: unknown) => {
      assert.ok(e instanceof CredentialsSourceError);
      assert.equal(e.field, 'ALIBABA_CLOUD_IMDSV1_DISABLED');
      assert.match(e.message, /HTTP 403/);
      return true;
    });
    assert.equal(imds.seen.length, 1);
  });

  it('skips an ECS instance without a RAM role', async () => {
    imds.role = undefined;
    await assert.rejects(provider({})(), { name: 'CredentialsProviderSkip', reason: /no RAM role attached/ });
  });

  it('fails when Code is not Success', async () => {
    imds.code = 'Failed';
    await assert.rejects(provider({})(), (e: unknown) => {
      assert.ok(e instanceof CredentialsSourceError);
      assert.equal(e.field, 'Code');
      assert.equal(e.source, 'ecs-ram-role:AlismsRole');
      assert.match(e.message, /Code Failed, not Success/);
      return true;
    });
  });

  it('fails naming each missing field', async () => {
    imds.omit = ['SecurityToken', 'Expiration'];
    await assert.rejects(provider({})(), { field: 'SecurityToken', message: /lacks SecurityToken, Expiration/ });
    imds.omit = ['AccessKeySecret'];
    await assert.rejects(provider({})(), { field: 'AccessKeySecret' });
  });

  it('fails on an Expiration that is not a date', async () => {
    imds.expiration = 'tomorrow-ish';
    await assert.rejects(provider({})(), { field: 'Expiration' });
  });

  it('fails with a read timeout when the service does not answer', async () => {
    imds.hang = true;
    await assert.rejects(provider({ ALIBABA_CLOUD_IMDSV1_DISABLED: 'true' }, { readTimeoutMs: 50 })(), (e: unknown) => {
      assert.equal(
        (e as Error).message,
        `ecs-metadata:${host}: IMDSv2 token request failed (read timed out after 50 ms), ` +
          'and ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids the v1 fallback',
      );
      return true;
    });
  });

  it('fails with the connection error when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = fromEcsMetadata({ env: { ALIBABA_CLOUD_ECS_METADATA: 'R' }, host: `127.0.0.1:${port}` });
    await assert.rejects(run(), { name: 'CredentialsSourceError', message: /ECONNREFUSED/ });
  });
});

describe('fromEcsMetadata under memoize', () => {
  it('fetches again 15 minutes before Expiration, not before', async () => {
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    const memo = memoize(provider({ ALIBABA_CLOUD_ECS_METADATA: 'AlismsRole' }), { clock });
    assert.equal((await memo()).accessKeyId, 'STS.ecs1');
    clock.set(Date.parse('2026-01-01T05:44:59.999Z'));
    assert.equal((await memo()).accessKeyId, 'STS.ecs1');
    imds.expiration = '2026-01-01T12:00:00Z';
    clock.set(Date.parse('2026-01-01T05:45:00Z'));
    const refreshed = await memo();
    assert.equal(refreshed.accessKeyId, 'STS.ecs2');
    assert.equal(refreshed.expiration, Date.parse('2026-01-01T12:00:00Z'));
    assert.equal(imds.issued, 2);
  });
});
