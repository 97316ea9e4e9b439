import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadServeConfig, parseServeConfig } from '../src/index.js';

describe('serve configuration', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alisms-serve-config-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fills in defaults for an empty configuration', () => {
    const config = parseServeConfig({});
    assert.equal(config.server.host, '127.0.0.1');
    assert.equal(config.server.port, 8080);
    assert.deepEqual(config.server.apiKeys, []);
    assert.equal(config.redis.url, undefined);
    assert.equal(config.emulator, false);
    assert.equal(config.otp.limits.cooldown, '60 s');
  });

  it('names unknown keys, with their path, in the error', () => {
    assert.throws(
      () => parseServeConfig({ server: { port: 1, prot: 2 }, redis: { url: 'redis://x' }, smss: {} }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.code, 'ALISMS_CONFIG_INVALID');
        assert.match(error.message, /server: unknown key "prot"/);
        assert.match(error.message, /\(top level\): unknown key "smss"/);
        return true;
      },
    );
  });

  it('reads YAML, lets ALISMS_* variables override it and flags override both', async () => {
    const file = join(dir, 'alisms.yaml');
    await writeFile(
      file,
      [
        'server:',
        '  port: 9000',
        '  host: 0.0.0.0',
        '  trustProxy: [10.0.0.0/8]',
        'redis:',
        '  url: redis://file:6379',
        'sms:',
        '  signName: FileSign',
        'otp:',
        '  digits: 8',
        '  limits:',
        '    cooldown: 30 s',
      ].join('\n'),
    );
    const env = {
      ALISMS_PORT: '9100',
      ALISMS_SIGN_NAME: 'EnvSign',
      ALISMS_API_KEYS: 'aaaaaaaaaaaaaaaa1, bbbbbbbbbbbbbbbb2',
    };
    const config = await loadServeConfig({ config: 'alisms.yaml', port: 9200, redis: 'redis://flag:6379' }, env, dir);
    assert.equal(config.server.port, 9200);
    assert.equal(config.server.host, '0.0.0.0');
    assert.deepEqual(config.server.trustProxy, ['10.0.0.0/8']);
    assert.equal(config.redis.url, 'redis://flag:6379');
    assert.equal(config.sms.signName, 'EnvSign');
    assert.deepEqual(config.server.apiKeys, ['aaaaaaaaaaaaaaaa1', 'bbbbbbbbbbbbbbbb2']);
    assert.equal(config.otp.digits, 8);
    assert.equal(config.otp.limits.cooldown, '30 s');
    const envOnly = await loadServeConfig({ config: 'alisms.yaml' }, env, dir);
    assert.equal(envOnly.server.port, 9100);
  });

  it('reports a bad value from the environment with its path', async () => {
    await assert.rejects(loadServeConfig({}, { ALISMS_PORT: 'eighty' }), /server\.port/);
  });

  it('reports a missing file and a file that is not a mapping', async () => {
    await assert.rejects(loadServeConfig({ config: 'nope.yaml' }, {}, dir), /nope\.yaml.*ENOENT/s);
    await writeFile(join(dir, 'list.yaml'), '- 1\n- 2\n');
    await assert.rejects(loadServeConfig({ config: 'list.yaml' }, {}, dir), /mapping/);
  });

  it('takes a Redis Cluster or Sentinels from the file, ALISMS_REDIS_* or the flags, one at a time', async () => {
    const file = join(dir, 'cluster.yaml');
    await writeFile(file, ['redis:', '  cluster: [10.0.0.1:7000, "[::1]:7001"]'].join('\n'));
    const fromFile = await loadServeConfig({ config: 'cluster.yaml' }, {}, dir);
    assert.deepEqual(fromFile.redis.cluster, ['10.0.0.1:7000', '[::1]:7001']);
    // A flag replaces the Redis the file named, whatever its kind.
    const flagged = await loadServeConfig(
      { config: 'cluster.yaml', redisSentinels: ['10.0.0.9:26379,10.0.0.8:26379'], redisMaster: 'mymaster' },
      {},
      dir,
    );
    assert.equal(flagged.redis.cluster, undefined);
    assert.deepEqual(flagged.redis.sentinels, ['10.0.0.9:26379', '10.0.0.8:26379']);
    assert.equal(flagged.redis.masterName, 'mymaster');
    const env = await loadServeConfig({}, { ALISMS_REDIS_SENTINELS: 's1:26379', ALISMS_REDIS_MASTER: 'm' });
    assert.deepEqual([env.redis.sentinels, env.redis.masterName], [['s1:26379'], 'm']);
    await assert.rejects(loadServeConfig({ redis: 'redis://x', redisCluster: ['a:1'] }), /one of --redis/);
  });

  it('refuses a Redis that is half said: two kinds, sentinels without a master, a node without a port', () => {
    assert.throws(
      () => parseServeConfig({ redis: { url: 'redis://x', cluster: ['a:1'] } }),
      /only one of url, cluster/,
    );
    assert.throws(() => parseServeConfig({ redis: { sentinels: ['a:26379'] } }), /redis\.masterName: required/);
    assert.throws(
      () => parseServeConfig({ redis: { cluster: ['10.0.0.1'] } }),
      /redis\.cluster\.0: expected HOST:PORT/,
    );
  });
});
