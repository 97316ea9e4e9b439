// `--json` on `bulk send` (run, dry run) and `bulk status`: one JSON object on stdout that a script can
// parse, with the same counts the text output shows.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bulkSendArgs, TEMPLATE_TEXT, useBulkEmulator, writeRecipients } from '../../../test/helpers/bulk.js';

const fx = useBulkEmulator();

describe('alisms bulk --json', () => {
  it('prints the run summary, the dry-run report and the journal status as JSON', async () => {
    await writeRecipients(join(fx.dir, 'json.csv'), 120, 40);

    const dry = await fx.cli(
      bulkSendArgs('json.csv', { more: ['--template-text', TEMPLATE_TEXT, '--dry-run', '--json'] }),
    );
    assert.equal(dry.code, 0, dry.stderr);
    const report = JSON.parse(dry.stdout) as { dryRun: boolean; rows: number; valid: number; invalid: number };
    assert.deepEqual([report.dryRun, report.rows, report.valid, report.invalid], [true, 120, 117, 3]);

    const sent = await fx.cli(bulkSendArgs('json.csv', { qps: 400, more: ['--json'] }));
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal(sent.stdout.trim().split('\n').length, 1, 'one line: the summary');
    const summary = JSON.parse(sent.stdout) as { jobId: string; rows: number; submitted: number; invalid: number };
    assert.deepEqual([summary.rows, summary.submitted, summary.invalid], [120, 117, 3]);
    assert.match(summary.jobId, /\S/);

    const status = await fx.cli(['bulk', 'status', '--journal', 'json.csv.journal', '--json']);
    assert.equal(status.code, 0, status.stderr);
    const batches = (JSON.parse(status.stdout) as { jobId: string; batches: Record<string, number> }).batches;
    assert.equal((JSON.parse(status.stdout) as { jobId: string }).jobId, summary.jobId);
    assert.equal(batches.failed, 0);
    assert.equal(batches.unknown, 0);
    assert.ok((batches.submitted ?? 0) > 0);
  });
});
