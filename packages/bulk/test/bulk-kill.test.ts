import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  assertSentOnce,
  bulkSendArgs,
  cliEnv,
  messagesReach,
  readResults,
  spawnCli,
  useBulkEmulator,
  writeRecipients,
} from '../../../test/helpers/bulk.js';
import { seededRandom } from '../../../test/helpers/seeded.js';

// A little latency keeps calls in flight, so some kills land between a journaled send and its answer.
const fx = useBulkEmulator({ faults: [{ action: '*', kind: 'latency', ms: 40 }] });

describe('bulk send survives kill -9', () => {
  it('resumes after SIGKILL at random points: every valid row sent exactly once, every row in the results', async (t) => {
    const rows = 4000;
    const input = join(fx.dir, 'kill.csv');
    const valid = await writeRecipients(input, rows, 400);
    // A call journaled just before a kill may never have left: unseen at its (short) deadline, it is
    // reported unknown, and the last run resends such calls on request.
    const args = bulkSendArgs(input, { qps: 40, more: ['--concurrency', '4', '--unknown-deadline', '3 s'] });
    const rng = seededRandom();
    const env = cliEnv(fx.emulator.url);
    const kills: number[] = [];
    for (let round = 0; round < 3; round++) {
      const seen = fx.emulator.emulator.store.list({ limit: 100_000 }).length;
      // A random point between 1 and 9 calls (of 100 rows each) from here.
      const target = seen + 1 + Math.floor(rng.next() * 900);
      if (target >= valid.size) break;
      const cli = spawnCli(args, env);
      const reached = messagesReach(fx.emulator, target).then(() => true);
      const winner = await Promise.race([reached, cli.exit.then(() => false)]);
      if (winner) cli.child.kill('SIGKILL');
      const code = await cli.exit;
      assert.ok(winner ? code === null : code === 0 || code === 3, `seed ${rng.seed}: ${cli.output()}`);
      kills.push(fx.emulator.emulator.store.list({ limit: 100_000 }).length);
    }
    assert.ok(kills.length >= 2, `killed at ${kills.join(', ')}`);
    const final = spawnCli([...args, '--resend-unknown', '--out', join(fx.dir, 'kill.results.csv')], env);
    assert.equal(await final.exit, 0, `seed ${rng.seed}: ${final.output()}`);
    t.diagnostic(`killed at ${kills.join(', ')} messages; last run: ${final.output().trim().split('\n').pop()}`);

    assert.doesNotThrow(() => assertSentOnce(fx.emulator, valid), `seed ${rng.seed}, killed at ${kills.join(', ')}`);
    const results = await readResults(join(fx.dir, 'kill.results.csv'));
    assert.equal(results.length, rows);
    assert.equal(results.filter((r) => r[2] === 'submitted').length, valid.size);
    assert.equal(results.filter((r) => r[2] === 'invalid').length, rows - valid.size);
  });
});
