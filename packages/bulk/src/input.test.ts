import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { countRows } from './input.js';
import { planJob } from './plan.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alisms-bulk-input-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function plan(name: string, text: string, templateText?: string) {
  const input = join(dir, name);
  await writeFile(input, text);
  const items = [];
  for await (const item of planJob({ input, signName: 'Acme', templateCode: 'SMS_1', templateText })) items.push(item);
  return { input, items };
}

describe('input validation', () => {
  it('reports bad CSV rows with their row number and reason, and keeps the rest', async () => {
    const { items, input } = await plan(
      'r.csv',
      'phone,name\n13800000001,Li\n13800000002,"b"x"\n12345,Wang\n13800000004,\n+86 138-0000-0005,Zhao\n',
    );
    const invalid = items.flatMap((i) => (i.kind === 'invalid' ? [[i.invalid.row, i.invalid.reason]] : []));
    assert.equal(invalid.length, 3);
    assert.deepEqual(
      invalid.map(([row]) => row),
      [2, 3, 4],
    );
    assert.match(String(invalid[0]?.[1]), /bad CSV/);
    assert.equal(invalid[1]?.[1], 'bad number');
    assert.equal(invalid[2]?.[1], 'missing variable "name"');
    const sent = items.flatMap((i) => (i.kind === 'batch' ? i.batch.rows : []));
    assert.deepEqual(
      sent.map((r) => [r.row, r.phone, r.params.name]),
      [
        [1, '13800000001', 'Li'],
        [5, '13800000005', 'Zhao'],
      ],
    );
    assert.equal(await countRows(input), 5);
  });

  it('reads JSON Lines, reporting bad JSON by line number', async () => {
    const { items } = await plan(
      'r.jsonl',
      '{"phone":"13800000001","name":"Li"}\nnot json\n\n{"phone":"13800000003"}\n[1]\n',
    );
    const invalid = items.flatMap((i) => (i.kind === 'invalid' ? [[i.invalid.row, i.invalid.reason]] : []));
    assert.deepEqual(
      invalid.map(([row]) => row),
      [2, 4, 5],
    );
    assert.match(String(invalid[0]?.[1]), /^bad JSON/);
    assert.equal(invalid[1]?.[1], 'missing variable "name"');
  });

  it('uses the template text to require its variables and cap the length', async () => {
    const long = 'x'.repeat(600);
    const { items } = await plan(
      't.csv',
      `phone,code,extra\n13800000001,1234,a\n13800000002,,b\n13800000003,${long},c\n`,
      'Your code is ${code}',
    );
    const kinds = items.map((i) => (i.kind === 'invalid' ? i.invalid.reason : 'batch'));
    assert.deepEqual(kinds.slice(0, 2), ['missing variable "code"', kinds[1]]);
    assert.match(String(kinds[1]), /message too long/);
    const batch = items.find((i) => i.kind === 'batch');
    assert.deepEqual(batch?.kind === 'batch' ? batch.batch.rows[0]?.params : undefined, { code: '1234' });
  });
});
