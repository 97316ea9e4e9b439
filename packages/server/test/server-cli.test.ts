import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { cliIo } from '../../../test/helpers/cli-io.js';
import { run } from '../../cli/src/run.js';

describe('alisms serve (runner)', () => {
  it('is a usage error (exit 2) to pass a bad port', async () => {
    const t = cliIo();
    assert.equal(await run(['serve', '--port', 'eighty'], t.io), 2);
    assert.match(t.err(), /--port must be 0-65535/);
  });

  it('refuses to start without API keys outside --emulator, naming the setting', async () => {
    const t = cliIo({ ALISMS_OTP_SECRET: 'x'.repeat(40) });
    assert.equal(await run(['serve', '--port', '0'], t.io), 2);
    assert.match(t.err(), /server\.apiKeys.*ALISMS_API_KEYS/);
  });

  it('names a bad ALISMS_* value', async () => {
    const t = cliIo({ ALISMS_LOG_LEVEL: 'loud' });
    assert.equal(await run(['serve', '--emulator', '--port', '0'], t.io), 2);
    assert.match(t.err(), /log\.level/);
  });

  it('starts with --emulator, prints the URLs and warns that no API key is set', async () => {
    const t = cliIo({ ALISMS_LOG_LEVEL: 'silent' });
    assert.equal(await run(['serve', '--emulator', '--port', '0', '--host', '0.0.0.0'], t.io), 0);
    assert.match(t.out(), /listening on http:\/\/127\.0\.0\.1:\d+\n/);
    assert.match(t.out(), /inbox\s+http:\/\/127\.0\.0\.1:\d+\/_emulator\//);
    assert.match(t.err(), /WARNING: NO API KEYS CONFIGURED/);
  });

  it('says which port is taken and how to choose another, exit 2', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const t = cliIo({ ALISMS_LOG_LEVEL: 'silent' });
      assert.equal(await run(['serve', '--emulator', '--port', String(port)], t.io), 2);
      assert.match(t.err(), new RegExp(`127\\.0\\.0\\.1:${port} is already in use`));
      assert.match(t.err(), new RegExp(`--port ${port + 1} .*ALISMS_PORT.*--port 0 picks a free one`));
      assert.doesNotMatch(t.err(), /EADDRINUSE|at .*node:/);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });

  it('logs readable lines with --log-format pretty, each warning once', async () => {
    const t = cliIo();
    assert.equal(await run(['serve', '--emulator', '--port', '0', '--log-format', 'pretty'], t.io), 0);
    const warnings = t
      .out()
      .split('\n')
      .filter((l) => l.includes('NO API KEYS CONFIGURED'));
    assert.equal(warnings.length, 1, t.out());
    assert.match(warnings[0] ?? '', /^\[\d\d:\d\d:\d\d\] WARN: NO API KEYS/);
    assert.doesNotMatch(t.err(), /WARNING/);
    assert.doesNotMatch(t.out(), /"level":/);
    const bad = cliIo();
    assert.equal(await run(['serve', '--emulator', '--log-format', 'yaml'], bad.io), 2);
    assert.match(bad.err(), /--log-format must be pretty or json/);
  });

  it('logs JSON lines when the output is not a terminal', async () => {
    const t = cliIo();
    assert.equal(await run(['serve', '--emulator', '--port', '0'], t.io), 0);
    const line = t
      .out()
      .split('\n')
      .find((l) => l.startsWith('{'));
    assert.equal((JSON.parse(line ?? '{}') as { level?: number }).level, 40);
  });

  it('passes --redis-sentinel without --redis-master to the config check, which names the missing setting', async () => {
    const t = cliIo({ ALISMS_LOG_LEVEL: 'silent' });
    assert.equal(await run(['serve', '--emulator', '--port', '0', '--redis-sentinel', '127.0.0.1:1'], t.io), 2);
    assert.match(t.err(), /redis\.masterName: required with sentinels/);
    const both = cliIo({ ALISMS_LOG_LEVEL: 'silent' });
    assert.equal(await run(['serve', '--emulator', '--redis', 'redis://x', '--redis-cluster', 'a:1'], both.io), 2);
    assert.match(both.err(), /one of --redis, --redis-cluster, --redis-sentinel/);
  });
});
