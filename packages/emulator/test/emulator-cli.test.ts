import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import { codeSmsParams } from '../../../test/helpers/emulator.js';
import { run } from '../../cli/src/run.js';
import { callAliyun } from '../src/testing/signed-request.js';

const dir = mkdtempSync(join(tmpdir(), 'alisms-emulator-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function io(stop: AbortController) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  stderr.on('data', (c) => {
    err += String(c);
  });
  return {
    io: { stdout, stderr, env: {}, cwd: dir, stopSignal: stop.signal },
    out: () => out,
    err: () => err,
  };
}

describe('alisms emulator (in process)', () => {
  it('serves the config it was given until the stop signal, after the API and inbox URLs', async () => {
    writeFileSync(join(dir, 'emulator.yaml'), 'accessKeys:\n  - id: cli-id\n    secret: cli-secret\n');
    const stop = new AbortController();
    const { io: cliIo, out } = io(stop);
    const exit = run(['emulator', '--port', '0', '--config', 'emulator.yaml'], cliIo);
    const url = await new Promise<string>((resolve) => {
      const poll = () => {
        const match = /^alisms emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n {2}inbox {4}(\S+)\n$/.exec(out());
        if (match?.[1]) {
          assert.equal(match[2], `${match[1]}/_emulator/`, 'the inbox URL is printed too');
          resolve(match[1]);
        } else setImmediate(poll);
      };
      poll();
    });
    const ok = await callAliyun(url, {
      action: 'SendSms',
      accessKeyId: 'cli-id',
      accessKeySecret: 'cli-secret',
      params: codeSmsParams(),
    });
    assert.equal(ok.json.Code, 'OK');
    const defaultKey = await callAliyun(url, { action: 'QuerySmsSignList' });
    assert.equal(defaultKey.json.Code, 'InvalidAccessKeyId.NotFound');
    stop.abort();
    assert.equal(await exit, 0);
    assert.equal(out().split('\n').filter(Boolean).length, 2);
  });

  it('a config with an unknown key is a usage error naming the key', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'flowControl:\n  perMinute: 2\n');
    const stop = new AbortController();
    const { io: cliIo, out, err } = io(stop);
    assert.equal(await run(['emulator', '--port', '0', '--config', 'bad.yaml'], cliIo), 2);
    assert.match(err(), /bad\.yaml.*flowControl: unknown key\(s\) perMinute/);
    assert.equal(out(), '');
  });

  it('a bad port is a usage error', async () => {
    const { io: cliIo, err } = io(new AbortController());
    assert.equal(await run(['emulator', '--port', 'eighty'], cliIo), 2);
    assert.match(err(), /--port/);
  });
});
