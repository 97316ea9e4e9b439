/**
 * Canary: a fake AccessKey secret and STS token are planted in every source, then every way a
 * credentials object or a provider error can be printed is searched for them.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { format, inspect } from 'node:util';
import { fromAlismsConfig } from './alisms-config.js';
import { fromAliyunCli } from './aliyun-cli.js';
import { chain } from './chain.js';
import { fromCredentialsUri } from './credentials-uri.js';
import { describeCredentialSource } from './describe.js';
import { fromEcsMetadata } from './ecs-metadata.js';
import { fromEnv } from './env.js';
import { fromIniFile } from './ini-file.js';
import { staticCredentials } from './static.js';
import type { CredentialProvider, Credentials } from './types.js';

const SECRET = 'CanarySecret7f3a9e1d0b';
const TOKEN = 'CanaryToken5c2e8b4f6a';
const ID = 'LTAI-canary-0001';

function assertClean(label: string, text: string): void {
  assert.ok(!text.includes(SECRET), `${label} leaked the secret:\n${text}`);
  assert.ok(!text.includes(TOKEN), `${label} leaked the STS token:\n${text}`);
  // Also the fragments a careless truncation would leave.
  assert.ok(!text.includes(SECRET.slice(0, 12)) && !text.includes(TOKEN.slice(0, 12)), `${label} leaked a fragment`);
}

function renderings(value: unknown): Record<string, string> {
  return {
    String: String(value),
    JSON: JSON.stringify(value) ?? '',
    inspect: inspect(value),
    inspectHidden: inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
    inspectNested: inspect({ wrapped: [value] }, { depth: Number.POSITIVE_INFINITY }),
    formatO: format('%o %O %s %j', value, value, value, value),
    keys: JSON.stringify(Object.keys(value as object)),
    spread: JSON.stringify({ ...(value as object) }),
  };
}

function errorRenderings(error: unknown): Record<string, string> {
  const out = renderings(error);
  let cause: unknown = error;
  for (let depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    out[`message${depth}`] = cause.message;
    out[`stack${depth}`] = cause.stack ?? '';
    cause = cause.cause;
  }
  return out;
}

const root = mkdtempSync(join(tmpdir(), 'alisms-canary-'));
const dir = (name: string) => {
  const path = join(root, name);
  mkdirSync(path, { recursive: true });
  return path;
};

const good = { AccessKeyId: ID, AccessKeySecret: SECRET, SecurityToken: TOKEN, Expiration: '2026-01-01T06:00:00Z' };
const routes: Record<string, [number, string]> = {
  '/ok': [200, JSON.stringify(good)],
  '/no-id': [200, JSON.stringify({ ...good, AccessKeyId: '' })],
  '/not-json': [200, `{"AccessKeyId":"${ID}","AccessKeySecret":"${SECRET}","SecurityToken":"${TOKEN}",`],
  '/status': [500, JSON.stringify(good)],
  '/bad-date': [200, JSON.stringify({ ...good, Expiration: `${SECRET}${TOKEN}` })],
  '/latest/meta-data/ram/security-credentials/Bad': [200, JSON.stringify({ ...good, Code: `Fail ${SECRET} ${TOKEN}` })],
  '/latest/meta-data/ram/security-credentials/Good': [200, JSON.stringify({ ...good, Code: 'Success' })],
};
const server = createServer((req, res) => {
  if (req.method === 'PUT') return void res.writeHead(200).end('tok');
  const [status, body] = routes[req.url ?? ''] ?? [404, `not found ${SECRET}`];
  res.writeHead(status).end(body);
});
let base = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

const ecs = (role: string) => fromEcsMetadata({ env: { ALIBABA_CLOUD_ECS_METADATA: role }, host: base });
const uri = (path: string) => fromCredentialsUri({ env: { ALIBABA_CLOUD_CREDENTIALS_URI: `http://${base}${path}` } });

describe('canary: resolved credentials never print their secret or token', () => {
  const sources: Record<string, () => CredentialProvider> = {
    static: () => staticCredentials({ accessKeyId: ID, accessKeySecret: SECRET, securityToken: TOKEN }),
    env: () =>
      fromEnv({
        ALIBABA_CLOUD_ACCESS_KEY_ID: ID,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
        ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN,
      }),
    ecs: () => ecs('Good'),
    uri: () => uri('/ok'),
  };
  for (const [name, make] of Object.entries(sources)) {
    it(name, async () => {
      const credentials: Credentials = await make()();
      assert.equal(credentials.accessKeySecret, SECRET, 'the secret is still readable on purpose');
      assert.equal(credentials.securityToken, TOKEN);
      const shown = renderings(credentials);
      for (const [how, text] of Object.entries(shown)) assertClean(`${name} ${how}`, text);
      assert.match(shown.inspect ?? '', /LTAI\*\*\*\*0001/, 'inspect shows the masked AccessKeyId');
      assertClean(`${name} describe`, JSON.stringify(await describeCredentialSource(make())));
    });
  }
});

describe('canary: errors of broken providers never carry the secret or token', () => {
  const yamlDir = dir('yaml');
  writeFileSync(join(yamlDir, 'alisms.yaml'), `access_key_secret: ${SECRET}\n`);
  const yamlSyntax = dir('yaml-syntax');
  writeFileSync(join(yamlSyntax, 'alisms.yaml'), `access_key_id: ${ID}\naccess_key_secret '${SECRET}'\n`);
  const yamlQuote = dir('yaml-quote');
  writeFileSync(join(yamlQuote, 'alisms.yaml'), `access_key_id: ${ID}\naccess_key_secret: "${SECRET}\n`);
  const cliBadJson = dir('cli-json');
  mkdirSync(join(cliBadJson, '.aliyun'));
  writeFileSync(join(cliBadJson, '.aliyun', 'config.json'), `{"profiles":[{"access_key_secret":"${SECRET}"`);
  const cliNoToken = dir('cli-sts');
  mkdirSync(join(cliNoToken, '.aliyun'));
  writeFileSync(
    join(cliNoToken, '.aliyun', 'config.json'),
    JSON.stringify({
      current: 'p',
      profiles: [{ name: 'p', mode: 'StsToken', access_key_id: '', access_key_secret: SECRET, sts_token: TOKEN }],
    }),
  );
  const iniDir = dir('ini');
  mkdirSync(join(iniDir, '.alibabacloud'));
  writeFileSync(
    join(iniDir, '.alibabacloud', 'credentials'),
    `[default]\ntype = access_key\naccess_key_secret = ${SECRET}\n`,
  );

  const broken: Record<string, () => CredentialProvider> = {
    'static without id': () => staticCredentials({ accessKeySecret: SECRET, securityToken: TOKEN }),
    'env without id': () => fromEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN }),
    'yaml without id': () => fromAlismsConfig({ env: {}, cwd: yamlDir }),
    'yaml syntax error': () => fromAlismsConfig({ env: {}, cwd: yamlSyntax }),
    'yaml open quote': () => fromAlismsConfig({ env: {}, cwd: yamlQuote }),
    'cli invalid JSON': () => fromAliyunCli({ env: {}, homeDir: cliBadJson }),
    'cli missing id': () => fromAliyunCli({ env: {}, homeDir: cliNoToken }),
    'ini missing id': () => fromIniFile({ env: {}, homeDir: iniDir }),
    'ecs bad Code': () => ecs('Bad'),
    'ecs unknown role': () => ecs('Missing'),
    'uri missing id': () => uri('/no-id'),
    'uri not JSON': () => uri('/not-json'),
    'uri HTTP 500': () => uri('/status'),
    'uri bad Expiration': () => uri('/bad-date'),
  };
  for (const [name, make] of Object.entries(broken)) {
    it(name, async () => {
      const error = await chain(make())().then(
        () => assert.fail(`${name} should have failed`),
        (e: unknown) => e,
      );
      assert.equal((error as Error).name, 'CredentialsSourceError', `${name}: ${(error as Error).message}`);
      for (const [how, text] of Object.entries(errorRenderings(error))) assertClean(`${name} ${how}`, text);
    });
  }
});
