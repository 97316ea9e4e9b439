import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunningEmulator } from '../src/emulator/index.js';
import {
  cliEnv,
  messagesReach,
  readResults,
  SIGN,
  sentPerPhone,
  spawnCli,
  startBulkEmulator,
  TEMPLATE,
  tempDir,
  writeRecipients,
} from './bulk-harness.js';

let emulator: RunningEmulator;
let temp: Awaited<ReturnType<typeof tempDir>>;
before(async () => {
  // A little latency keeps calls in flight, so some kills land between a journaled send and its answer.
  emulator = await startBulkEmulator({ faults: [{ action: '*', kind: 'latency', ms: 40 }] });
  temp = await tempDir();
});
after(async () => {
  await emulator.close();
  await temp.cleanup();
});

describe('bulk send survives kill -9', () => {
  it('resumes after SIGKILL at random points: every valid row sent exactly once, every row in the results', async (t) => {
    const rows = 4000;
    const input = join(temp.dir, 'kill.csv');
    const valid = await writeRecipients(input, rows, 400);
    const args = ['bulk', 'send', input, '--sign', SIGN, '--template', TEMPLATE, '--qps', '40', '--concurrency', '4'];
    const env = cliEnv(emulator.url);
    const kills: number[] = [];
    for (let round = 0; round < 3; round++) {
      const seen = emulator.emulator.store.list({ limit: 100_000 }).length;
      // A random point between 1 and 9 calls (of 100 rows each) from here.
      const target = seen + 1 + Math.floor(Math.random() * 900);
      if (target >= valid.size) break;
      const cli = spawnCli(args, env);
      const reached = messagesReach(emulator, target).then(() => true);
      const winner = await Promise.race([reached, cli.exit.then(() => false)]);
      if (winner) cli.child.kill('SIGKILL');
      const code = await cli.exit;
      assert.equal(winner ? code : 0, winner ? null : 0, cli.output());
      kills.push(emulator.emulator.store.list({ limit: 100_000 }).length);
    }
    assert.ok(kills.length >= 2, `killed at ${kills.join(', ')}`);
    const final = spawnCli([...args, '--out', join(temp.dir, 'kill.results.csv')], env);
    assert.equal(await final.exit, 0, final.output());
    t.diagnostic(`killed at ${kills.join(', ')} messages; last run: ${final.output().trim().split('\n').pop()}`);

    const sent = sentPerPhone(emulator);
    const twice = [...sent].filter(([, n]) => n > 1);
    assert.deepEqual(twice, [], 'numbers sent more than once');
    assert.equal(sent.size, valid.size, 'every valid row was sent');
    for (const phone of valid) assert.equal(sent.get(phone), 1);
    const results = await readResults(join(temp.dir, 'kill.results.csv'));
    assert.equal(results.length, rows);
    assert.equal(results.filter((r) => r[2] === 'submitted').length, valid.size);
    assert.equal(results.filter((r) => r[2] === 'invalid').length, rows - valid.size);
  });
});
