import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dryRun } from './dry-run.js';

// Segment rules of the Aliyun spec (section 4.8): the whole message, 【sign】 included, is counted.
// Mainland: every character counts 1; ≤ 70 is one message, longer ones go in 67-character parts.
// International: 【】 are not GSM-7, so these messages are UCS-2, billed by 16-bit unit (≤ 70 / 67 each).
const SIGN = '阿里云'; // 【阿里云】 = 5 characters

describe('dryRun segment counts (the SDK counter)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alisms-dry-run-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function segmentsOf(rows: Array<[phone: string, text: string]>): Promise<number | undefined> {
    const input = join(dir, `rows-${rows.length}-${rows[0]?.[1].length}.jsonl`);
    await writeFile(input, `${rows.map(([phone, text]) => JSON.stringify({ phone, text })).join('\n')}\n`);
    const report = await dryRun({ input, signName: SIGN, templateCode: 'SMS_1', templateText: '${text}' });
    assert.equal(report.valid, rows.length);
    assert.equal(report.estimatedBilled, report.segments);
    return report.segments;
  }

  it('mainland: 70 characters are one message, 71 two, 160 three (67 + 67 + 26)', async () => {
    assert.equal(await segmentsOf([['13800138000', 'a'.repeat(65)]]), 1);
    assert.equal(await segmentsOf([['13800138000', '验'.repeat(66)]]), 2);
    assert.equal(await segmentsOf([['13800138000', 'b'.repeat(155)]]), 3);
  });

  it('sums over rows, each row by its own number', async () => {
    assert.equal(
      await segmentsOf([
        ['13800138000', 'c'.repeat(65)],
        ['13800138001', 'c'.repeat(66)],
      ]),
      3,
    );
  });

  it('international UCS-2: an emoji takes two 16-bit units, so 69 characters and an emoji are two messages', async () => {
    const text = `${'d'.repeat(64)}😀`; // 70 characters as code points, 71 UTF-16 units with the sign
    assert.equal(await segmentsOf([['+85291234567', text]]), 2);
    // The same text to a mainland number: every character counts 1.
    assert.equal(await segmentsOf([['13800138000', text]]), 1);
  });

  it('without the template text there is no segment count and one billed message per row', async () => {
    const input = join(dir, 'no-text.jsonl');
    await writeFile(input, '{"phone":"13800138000","text":"x"}\n{"phone":"13800138001","text":"y"}\n');
    const report = await dryRun({ input, signName: SIGN, templateCode: 'SMS_1' });
    assert.equal(report.segments, undefined);
    assert.equal(report.estimatedBilled, 2);
  });
});
