import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { codeSmsParams } from '../../../test/helpers/emulator.js';
import { repoRoot } from '../../../test/helpers/spec.js';
import { FileStore, type StoredMessage } from '../src/index.js';
import { callAliyun } from '../src/testing/signed-request.js';

const dir = mkdtempSync(join(tmpdir(), 'alisms-emulator-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function message(id: string, to: string): StoredMessage {
  return {
    id,
    product: 'sms',
    action: 'SendSms',
    to,
    toKey: `86${to}`,
    content: `【签名】验证码${id}`,
    segments: 1,
    status: 'waiting',
    sentAt: new Date(Date.UTC(2026, 10, 23)).toISOString(),
  };
}

describe('FileStore', () => {
  it('replays adds, updates and clears, then compacts to one line per message', async () => {
    const file = join(dir, 'store.jsonl');
    const store = new FileStore(file);
    await store.add(message('1', '13800138000'));
    await store.clear();
    await store.add(message('2', '13800138001'));
    await store.add(message('3', '13800138002'));
    await store.update('2', { status: 'delivered', errCode: 'DELIVERED' });
    await store.close();
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 5);
    // A crash in the middle of a write leaves a torn last line: it was never acknowledged.
    appendFileSync(file, '{"op":"add","message":{"id":"4"');
    const reopened = new FileStore(file);
    assert.deepEqual(
      reopened.list().map((m) => [m.id, m.status]),
      [
        ['3', 'waiting'],
        ['2', 'delivered'],
      ],
    );
    await reopened.close();
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 2);
  });

  it('compacts the journal while running once it outgrows the messages', async () => {
    const file = join(dir, 'grow.jsonl');
    const store = new FileStore(file, { maxMessages: 3, compactAfterLines: 6 });
    for (const id of ['1', '2', '3', '4', '5']) await store.add(message(id, '13800138000'));
    await store.update('5', { status: 'delivered' });
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 6);
    await store.update('4', { status: 'failed' });
    // Rewritten to the 3 kept messages, then the new line appended.
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 4);
    await store.close();
    const reopened = new FileStore(file, { maxMessages: 3 });
    assert.deepEqual(
      reopened.list().map((m) => [m.id, m.status]),
      [
        ['5', 'delivered'],
        ['4', 'failed'],
        ['3', 'waiting'],
      ],
    );
    await reopened.close();
  });

  it('keeps at most maxMessages', async () => {
    const store = new FileStore(join(dir, 'small.jsonl'), { maxMessages: 2 });
    for (const id of ['1', '2', '3']) await store.add(message(id, '13800138000'));
    assert.deepEqual(
      store.list().map((m) => m.id),
      ['3', '2'],
    );
    await store.close();
  });
});

/** Starts `alisms emulator` in a child process and resolves with its URL once it prints its line. */
function startChild(args: string[]): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const child = spawn(process.execPath, [join(repoRoot, 'packages', 'cli', 'bin', 'alisms.js'), 'emulator', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const complete = out.split('\n');
      out = complete.pop() ?? '';
      lines.push(...complete);
      const match = /^alisms emulator listening on (http:\/\/\S+)$/.exec(lines[0] ?? '');
      if (match?.[1]) resolve({ child, url: match[1], lines });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`emulator exited early with ${code}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('alisms emulator --data (child process)', () => {
  it('loses no acknowledged message when SIGKILLed right after the 200', async () => {
    const file = join(dir, 'kill.jsonl');
    const first = await startChild(['--port', '0', '--data', file]);
    const bizIds: string[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const res = await callAliyun(first.url, {
          action: 'SendSms',
          params: codeSmsParams(`1380013800${i}`, String(1000 + i)),
        });
        assert.equal(res.json.Code, 'OK');
        bizIds.push(res.json.BizId);
      }
    } finally {
      first.child.kill('SIGKILL');
      await exited(first.child);
    }
    const second = await startChild(['--port', '0', '--data', file]);
    try {
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${second.url}/_emulator/api/messages/latest?to=%2B861380013800${i}`);
        assert.equal(res.status, 200);
        const stored = (await res.json()) as StoredMessage;
        assert.equal(stored.bizId, bizIds[i]);
        assert.equal(stored.code, String(1000 + i));
      }
    } finally {
      second.child.kill('SIGTERM');
      assert.equal(await exited(second.child), 0);
    }
  });

  it('prints the API and inbox URLs, nothing else, and stops cleanly on SIGINT', async () => {
    const { child, lines, url } = await startChild(['--port', '0']);
    child.kill('SIGINT');
    assert.equal(await exited(child), 0);
    assert.deepEqual(lines, [`alisms emulator listening on ${url}`, `  inbox    ${url}/_emulator/`]);
  });
});
