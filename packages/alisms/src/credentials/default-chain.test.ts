import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../core/clock.js';
import { CredentialsNotFoundError } from './credentials-not-found-error.js';
import { type DefaultCredentialChainOptions, defaultCredentialChain } from './default-chain.js';
import { describeCredentialSource } from './describe.js';

const root = mkdtempSync(join(tmpdir(), 'alisms-chain-'));
const homeDir = join(root, 'home');
const cwd = join(root, 'project');
const emptyHome = join(root, 'empty-home');
const emptyCwd = join(root, 'empty-project');
for (const dir of [join(homeDir, '.aliyun'), join(homeDir, '.alibabacloud'), cwd, emptyHome, emptyCwd])
  mkdirSync(dir, { recursive: true });
writeFileSync(join(cwd, 'alisms.yaml'), 'access_key_id: LTAIyaml0001\naccess_key_secret: y\n');
writeFileSync(
  join(homeDir, '.aliyun', 'config.json'),
  JSON.stringify({
    current: 'default',
    profiles: [{ name: 'default', mode: 'AK', access_key_id: 'LTAIcli00001', access_key_secret: 'c' }],
  }),
);
writeFileSync(
  join(homeDir, '.alibabacloud', 'credentials'),
  '[default]\ntype = access_key\naccess_key_id = LTAIini00001\naccess_key_secret = i\n',
);

/** Plays both the ECS metadata service and the credentials URI, on 127.0.0.1. */
const server = createServer((req, res) => {
  if (req.method === 'PUT') return void res.writeHead(200).end('tok');
  const id = req.url === '/uri' ? 'STS.uri00001' : 'STS.ecs00001';
  const body = { AccessKeyId: id, AccessKeySecret: 'x', SecurityToken: 't', Expiration: '2026-01-01T06:00:00Z' };
  res.writeHead(200).end(JSON.stringify({ ...body, Code: 'Success' }));
});
let host = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

const notEcs = () => 'innotek GmbH\nVirtualBox';

describe('defaultCredentialChain', () => {
  it('tries static → env → alisms.yaml → aliyun CLI → INI → ECS → URI', async () => {
    const env: Record<string, string> = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenv00001',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'e',
      ALIBABA_CLOUD_ECS_METADATA: 'Role',
      ALIBABA_CLOUD_CREDENTIALS_URI: `http://${host}/uri`,
    };
    const options: DefaultCredentialChainOptions = {
      accessKeyId: 'LTAIstatic01',
      accessKeySecret: 's',
      env,
      homeDir,
      cwd,
      ecs: { host, readDmi: notEcs },
    };
    const winners: string[] = [];
    const take = async () => (await defaultCredentialChain(options)()).accessKeyId;
    winners.push(await take());
    delete options.accessKeyId;
    delete options.accessKeySecret;
    winners.push(await take());
    delete env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    winners.push(await take());
    options.cwd = emptyCwd;
    winners.push(await take());
    env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = 'true';
    winners.push(await take());
    options.homeDir = emptyHome;
    winners.push(await take());
    env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
    winners.push(await take());
    assert.deepEqual(winners, [
      'LTAIstatic01',
      'LTAIenv00001',
      'LTAIyaml0001',
      'LTAIcli00001',
      'LTAIini00001',
      'STS.ecs00001',
      'STS.uri00001',
    ]);
  });

  it('is memoized: files are read once', async () => {
    const dir = mkdtempSync(join(root, 'memo-'));
    writeFileSync(join(dir, 'alisms.yaml'), 'access_key_id: LTAIfirst001\naccess_key_secret: y\n');
    const provider = defaultCredentialChain({
      env: {},
      cwd: dir,
      homeDir: emptyHome,
      clock: new ManualClock(),
      ecs: { host, readDmi: notEcs },
    });
    assert.equal((await provider()).accessKeyId, 'LTAIfirst001');
    writeFileSync(join(dir, 'alisms.yaml'), 'access_key_id: LTAIsecond01\naccess_key_secret: y\n');
    assert.equal((await provider()).accessKeyId, 'LTAIfirst001');
    provider.invalidate();
    assert.equal((await provider()).accessKeyId, 'LTAIsecond01');
  });

  it('lists every place tried, why each did not apply, and how to fix it', async () => {
    const provider = defaultCredentialChain({
      env: {},
      homeDir: emptyHome,
      cwd: emptyCwd,
      ecs: { host, readDmi: notEcs },
    });
    const error = await provider().then(
      () => assert.fail('expected CredentialsNotFoundError'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof CredentialsNotFoundError);
    assert.equal(error.code, 'ALISMS_NO_CREDENTIALS');
    assert.deepEqual(
      error.attempts.map((a) => a.source),
      [
        'static',
        'env',
        `config-file:${join(emptyCwd, 'alisms.yaml')}`,
        `aliyun-cli:${join(emptyHome, '.aliyun', 'config.json')}`,
        `ini-file:${join(emptyHome, '.alibabacloud', 'credentials')}`,
        `ecs-metadata:${host}`,
        'credentials-uri',
      ],
    );
    const lines = error.message.split('\n');
    assert.equal(lines[0], 'No Aliyun credentials found. Places tried, in order:');
    assert.equal(lines[2], '  2. env: ALIBABA_CLOUD_ACCESS_KEY_ID not set');
    assert.match(lines[6] ?? '', /^ {2}6\. ecs-metadata:.*not an Alibaba Cloud ECS instance$/);
    assert.equal(lines[7], '  7. credentials-uri: ALIBABA_CLOUD_CREDENTIALS_URI not set');
    assert.match(lines[8] ?? '', /^To fix it, set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
  });
});

describe('describeCredentialSource', () => {
  it('says which source was used and masks the AccessKeyId', async () => {
    const provider = defaultCredentialChain({
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-example-9876', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'never-shown' },
      homeDir: emptyHome,
      cwd: emptyCwd,
      ecs: { host, readDmi: notEcs },
    });
    assert.deepEqual(await describeCredentialSource(provider), {
      source: 'env',
      accessKeyId: 'LTAI****9876',
      hasSecurityToken: false,
    });
  });

  it('reports the STS token and the expiry without showing them', async () => {
    const provider = defaultCredentialChain({
      env: { ALIBABA_CLOUD_ECS_METADATA: 'Role' },
      homeDir: emptyHome,
      cwd: emptyCwd,
      ecs: { host, readDmi: notEcs },
    });
    assert.deepEqual(await describeCredentialSource(provider), {
      source: 'ecs-ram-role:Role',
      accessKeyId: 'STS.****0001',
      hasSecurityToken: true,
      expiration: '2026-01-01T06:00:00.000Z',
    });
  });
});
