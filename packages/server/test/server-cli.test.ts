import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { run } from '../../cli/src/run.js';

function io(env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const controller = new AbortController();
  controller.abort(); // a started server stops at once
  return {
    io: { stdout, stderr, env, cwd: process.cwd(), stopSignal: controller.signal },
    out: () => out,
    err: () => err,
  };
}

describe('alisms serve (runner)', () => {
  it('is a usage error (exit 2) to pass a bad port', async () => {
    const t = io();
    assert.equal(await run(['serve', '--port', 'eighty'], t.io), 2);
    assert.match(t.err(), /--port must be 0-65535/);
  });

  it('refuses to start without API keys outside --emulator, naming the setting', async () => {
    const t = io({ ALISMS_OTP_SECRET: 'x'.repeat(40) });
    assert.equal(await run(['serve', '--port', '0'], t.io), 2);
    assert.match(t.err(), /server\.apiKeys.*ALISMS_API_KEYS/);
  });

  it('names a bad ALISMS_* value', async () => {
    const t = io({ ALISMS_LOG_LEVEL: 'loud' });
    assert.equal(await run(['serve', '--emulator', '--port', '0'], t.io), 2);
    assert.match(t.err(), /log\.level/);
  });

  it('starts with --emulator, prints the URLs and warns that no API key is set', async () => {
    const t = io({ ALISMS_LOG_LEVEL: 'silent' });
    assert.equal(await run(['serve', '--emulator', '--port', '0', '--host', '0.0.0.0'], t.io), 0);
    assert.match(t.out(), /listening on http:\/\/127\.0\.0\.1:\d+\n/);
    assert.match(t.out(), /inbox\s+http:\/\/127\.0\.0\.1:\d+\/_emulator\//);
    assert.match(t.err(), /WARNING: NO API KEYS CONFIGURED/);
  });

  it('passes --redis-sentinel without --redis-master to the config check, which names the missing setting', async () => {
    const t = io({ ALISMS_LOG_LEVEL: 'silent' });
    assert.equal(await run(['serve', '--emulator', '--port', '0', '--redis-sentinel', '127.0.0.1:1'], t.io), 2);
    assert.match(t.err(), /redis\.masterName: required with sentinels/);
    const both = io({ ALISMS_LOG_LEVEL: 'silent' });
    assert.equal(await run(['serve', '--emulator', '--redis', 'redis://x', '--redis-cluster', 'a:1'], both.io), 2);
    assert.match(both.err(), /one of --redis, --redis-cluster, --redis-sentinel/);
  });
});
