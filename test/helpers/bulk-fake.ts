// A local bulk job against the in-memory fake Aliyun with a manual clock: the set-up the unit tests
// of the runner share.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ManualClock } from 'alisms';
import { FakeBulkPort } from '../../packages/bulk/src/fake-port.js';
import type { BulkRunOptions } from '../../packages/bulk/src/runner.js';

let n = 0;

/** Writes `phone,name` + `lines` to a new CSV in `dir` and returns run options over a fake port. */
export async function fakeBulkJob(dir: string, lines: readonly string[], extra: Partial<BulkRunOptions> = {}) {
  const input = join(dir, `in${n++}.csv`);
  await writeFile(input, `${['phone,name', ...lines].join('\n')}\n`);
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 4));
  const port = new FakeBulkPort();
  port.now = () => clock.now();
  const options: BulkRunOptions = {
    input,
    port,
    signName: 'Acme',
    templateCode: 'SMS_1',
    qps: 1000,
    concurrency: 4,
    resultsPath: `${input}.results.csv`,
    clock,
    sleep: async (ms) => clock.advance(ms),
    ...extra,
  };
  return { input, port, clock, options };
}

/** A distinct valid mainland number per index. */
export const fakePhone = (i: number) => `139${String(i).padStart(8, '0')}`;
