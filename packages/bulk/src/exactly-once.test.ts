// Exactly-once under lost answers, slow acceptance, crashes, outages and collisions (issue 11, cases 1–6),
// with a fake Aliyun and an injected clock: no sleeps, no wall-clock rates.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fakeBulkJob, fakePhone } from '../../../test/helpers/bulk-fake.js';
import { seededRandom } from '../../../test/helpers/seeded.js';
import { virtualSleep } from '../../../test/helpers/virtual-time.js';
import { type FakeBulkPort, fakeApiError } from './fake-port.js';
import { JournalLockedError } from './journal-locked-error.js';
import { JournalMismatchError } from './journal-mismatch-error.js';
import { type BulkRunOptions, runBulkJob } from './runner.js';
import { maxInSlidingWindow } from './sliding-window.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alisms-bulk-once-'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** `rows` recipients, each its own params, so each call carries up to 100 rows (SendBatchSms). */
function fixture(rows: number, extra: Partial<BulkRunOptions> = {}) {
  const lines = Array.from({ length: rows }, (_, i) => `${fakePhone(i)},n${i}`);
  return fakeBulkJob(dir, lines, { concurrency: 1, ...extra });
}

function sentTimes(port: FakeBulkPort): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of port.sent) counts.set(s.phone, (counts.get(s.phone) ?? 0) + 1);
  return counts;
}

function assertEachOnce(port: FakeBulkPort, expected: number, context = '') {
  const twice = [...sentTimes(port)].filter(([, c]) => c > 1);
  assert.equal(twice.length, 0, `${twice.length} numbers sent more than once ${context}`);
  assert.equal(port.sent.length, expected, `rows sent ${context}`);
}

async function statusesOf(path: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const line of (await readFile(path, 'utf8')).trim().split('\n').slice(1)) {
    const status = line.split(',')[2] as string;
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return counts;
}

/** Lets the event loop run the journal writes of a run that is stuck in a call. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('unknown outcomes are never resent while they may still be accepted', () => {
  it('a call accepted 13 s after it was sent (its answer lost) is found, not resent', async () => {
    const { port, options } = await fixture(300);
    port.script = (call) => (call === 2 ? { lateMs: 13_000 } : 'ok');
    const summary = await runBulkJob(options);
    assertEachOnce(port, 300);
    assert.equal(summary.submitted, 300);
    assert.equal(summary.unknown, 0);
  });

  it('a call never accepted is reported unknown at its deadline, counted, and not resent', async () => {
    const { port, options, clock } = await fixture(300);
    const started = clock.now();
    port.script = (call) => (call === 2 ? 'vanished' : 'ok');
    const summary = await runBulkJob({ ...options, unknownDeadlineMs: 30_000 });
    assert.equal(summary.unknown, 100);
    assert.equal(summary.submitted, 200);
    assert.equal(summary.outcome, 'done');
    assert.ok(clock.now() - started >= 30_000, 'looked up until the deadline');
    assertEachOnce(port, 200);
    const statuses = await statusesOf(options.resultsPath as string);
    assert.equal(statuses.get('unknown'), 100);
    // A plain re-run keeps them unknown; --resend-unknown sends them, once.
    const again = await runBulkJob(options);
    assert.equal(again.unknown, 100);
    assertEachOnce(port, 200);
    const resent = await runBulkJob({ ...options, resendUnknown: true });
    assert.equal(resent.unknown, 0);
    assert.equal(resent.submitted, 300);
    assertEachOnce(port, 300);
  });

  it('after a crash at a seeded random call, a slow acceptance is waited for: each row once', async () => {
    const rng = seededRandom();
    for (let round = 0; round < 3; round++) {
      const { port, options, clock, input } = await fixture(1000);
      const killAt = 1 + Math.floor(rng.next() * 9);
      const lateMs = 2500 + Math.floor(rng.next() * 20_000);
      const context = `(seed ${rng.seed}, round ${round}: crash at call ${killAt}, accepted ${lateMs} ms late)`;
      let crashed!: () => void;
      const crash = new Promise<void>((resolve) => {
        crashed = resolve;
      });
      const realAccept = port.sendBatchSms.bind(port);
      port.sendBatchSms = async (request) => {
        if (port.sendCalls + 1 === killAt) {
          port.script = () => ({ lateMs });
          await realAccept(request).catch(() => undefined);
          crashed();
          return new Promise(() => undefined); // the process died mid-call: no answer ever
        }
        port.script = () => 'ok';
        return realAccept(request);
      };
      void runBulkJob(options);
      await crash;
      await settle();
      // The process is gone: its lock file stays behind with a live PID (ours), so remove it as a
      // dead process's would be taken over.
      await unlink(`${input}.journal.lock`);
      port.sendBatchSms = realAccept;
      clock.advance(500);
      const summary = await runBulkJob(options);
      assertEachOnce(port, 1000, context);
      assert.equal(summary.unknown, 0, context);
      assert.equal(summary.reconciled > 0, true, context);
    }
  });
});

describe('outages', () => {
  const down = () => fakeApiError('TransportError', 'ECONNREFUSED');

  it('waits out a 20 s outage with backoff, showing why, and finishes', async () => {
    const { port, options, clock } = await fixture(500);
    const outageEnds = clock.now() + 20_000;
    port.script = () => (clock.now() < outageEnds ? down() : 'ok');
    const waits: string[] = [];
    const summary = await runBulkJob({
      ...options,
      onProgress: (p) => {
        if (p.waiting) waits.push(p.waiting);
      },
    });
    assert.equal(summary.outcome, 'done');
    assertEachOnce(port, 500);
    assert.ok(waits.length > 0 && waits.every((w) => w.includes('ECONNREFUSED')), waits.join('\n'));
  });

  it('stops after --max-wait, naming the cause, and resumes later', async () => {
    const { port, options } = await fixture(500);
    port.script = () => down();
    const first = await runBulkJob({ ...options, maxWaitMs: 60_000 });
    assert.equal(first.outcome, 'fatal');
    assert.match(first.error?.message ?? '', /still failing after waiting 60 s/);
    port.script = () => 'ok';
    const second = await runBulkJob(options);
    assert.equal(second.outcome, 'done');
    assertEachOnce(port, 500);
  });
});

describe('the global rate counts every call', () => {
  it('no sliding second holds more than 110% of --qps: sends, retries and look-ups together', async () => {
    const rng = seededRandom();
    for (const qps of [5, 12.5, 30]) {
      const { port, options, clock } = await fixture(3000, { qps, concurrency: 8, unknownDeadlineMs: 20_000 });
      options.sleep = virtualSleep(clock);
      port.script = (call) => {
        const r = rng.next();
        // The second call always loses its answer, so every seed has look-ups to count (with 30
        // calls, 1 seed in 25 drew none and failed the test).
        if (r < 0.1 || call === 2) return { lateMs: Math.floor(rng.next() * 8000) };
        if (r < 0.15) return fakeApiError('ThrottlingError', 'Throttling.User');
        if (r < 0.2) return fakeApiError('TransportError', 'ECONNRESET');
        return 'ok';
      };
      const summary = await runBulkJob(options);
      const peak = maxInSlidingWindow(port.callTimes);
      const context = `seed ${rng.seed}, --qps ${qps}: peak ${peak} calls in a sliding second, ${port.queryCalls} look-ups`;
      assert.ok(port.queryCalls > 0, context);
      assert.ok(peak <= 1.1 * qps, context);
      assert.equal(summary.submitted, 3000, context);
      assertEachOnce(port, 3000, context);
    }
  });
});

describe('the journal belongs to one run and one input', () => {
  it('a second run of the same job fails at once, naming the holder', async () => {
    const { options, port, input } = await fixture(300);
    let release!: () => void;
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const realAccept = port.sendBatchSms.bind(port);
    port.sendBatchSms = async (request) => {
      await hold;
      return realAccept(request);
    };
    const first = runBulkJob(options);
    // Wait (by turns of the event loop, not by time) until the first run holds the lock.
    while (
      !(await readFile(`${input}.journal.lock`).then(
        () => true,
        () => false,
      ))
    )
      await settle();
    const error = await runBulkJob(options).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof JournalLockedError, String(error));
    assert.match(error.message, new RegExp(`process ${process.pid} on .+, started \\d{4}-`));
    release();
    assert.equal((await first).submitted, 300);
    assertEachOnce(port, 300);
    await assert.rejects(readFile(`${input}.journal.lock`), { code: 'ENOENT' });
  });

  it('a lock left by a killed process is taken over', async () => {
    const { options, input, port } = await fixture(50);
    // A PID that is certainly not running: past the kernel's pid_max.
    await writeFile(
      `${input}.journal.lock`,
      JSON.stringify({
        pid: 2 ** 22 + 1,
        host: (await import('node:os')).hostname(),
        startedAt: '2026-01-01T00:00:00.000Z',
      }),
    );
    const summary = await runBulkJob(options);
    assert.equal(summary.submitted, 50);
    assertEachOnce(port, 50);
  });

  it('an input edited in place (same size) is refused; --restart starts a new job', async () => {
    const { options, input, port } = await fixture(300);
    port.script = (call) => (call === 2 ? fakeApiError('AliyunApiError', 'isv.AMOUNT_NOT_ENOUGH') : 'ok');
    const first = await runBulkJob(options);
    assert.equal(first.outcome, 'fatal');
    const text = await readFile(input, 'utf8');
    await writeFile(input, text.replace('13900000150', '13900000999'));
    const error = await runBulkJob(options).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof JournalMismatchError, String(error));
    assert.equal(error.field, 'sha256');
    assert.match(error.message, /input file changed/);
    port.script = () => 'ok';
    const restarted = await runBulkJob({ ...options, restart: true });
    assert.notEqual(restarted.jobId, first.jobId);
    assert.equal(restarted.resumed, 0);
    assert.ok(
      (await readdir(dir)).some((f) => f.endsWith('.old')),
      'the old journal is kept',
    );
  });
});
