// `alisms bulk send` against the emulator for the cases of issue 11 that a user sees at the
// command line: exit codes, messages, and what reaches Aliyun.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import {
  assertSentOnce,
  bulkSendArgs,
  phoneOf,
  readResults,
  useBulkEmulator,
  writeRecipients,
} from '../../../test/helpers/bulk.js';

const fx = useBulkEmulator();
const stored = () => fx.emulator.emulator.store.list({ limit: 100_000 });

describe('bulk send: input problems are usage errors (exit 2), nothing sent', () => {
  it('empty and header-only files', async () => {
    await writeFile(join(fx.dir, 'empty.csv'), '');
    await writeFile(join(fx.dir, 'header.csv'), 'phone,name\n');
    const empty = await fx.cli(bulkSendArgs('empty.csv'));
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /empty\.csv is empty: nothing to send/);
    const header = await fx.cli(bulkSendArgs('header.csv', { more: ['--dry-run'] }));
    assert.equal(header.code, 2);
    assert.match(header.stderr, /header row but no data rows/);
  });

  it('a GBK file: refused as UTF-8 naming the row; sent correctly with --encoding gbk', async () => {
    await fx.emulator.emulator.store.clear();
    const gbk = Buffer.concat([
      Buffer.from(`phone,name\n${phoneOf(1)},`),
      Buffer.from('c4fabac3', 'hex'), // 您好
      Buffer.from('\n'),
    ]);
    await writeFile(join(fx.dir, 'gbk.csv'), gbk);
    const refused = await fx.cli(bulkSendArgs('gbk.csv'));
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /row 1 \(line 2\) is not valid UTF-8.*--encoding gbk/);
    assert.equal(stored().length, 0);
    const sent = await fx.cli(bulkSendArgs('gbk.csv', { more: ['--encoding', 'gbk'] }));
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal(stored()[0]?.params?.name, '您好');
    const bad = await fx.cli(bulkSendArgs('gbk.csv', { more: ['--encoding', 'latin9'] }));
    assert.equal(bad.code, 2);
  });
});

describe('bulk send: Excel, duplicates, unknown outcomes, locks and edits', () => {
  it('reads an .xlsx sheet by name', async () => {
    await fx.emulator.emulator.store.clear();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['nothing here']);
    const sheet = wb.addWorksheet('Send');
    sheet.addRow(['phone', 'name']);
    sheet.addRow([Number(phoneOf(2)), '韩梅梅']);
    await wb.xlsx.writeFile(join(fx.dir, 'book.xlsx'));
    const { code, stdout, stderr } = await fx.cli(bulkSendArgs('book.xlsx', { more: ['--sheet', 'Send'] }));
    assert.equal(code, 0, stderr);
    assert.match(stdout, /1 submitted/);
    assert.equal(stored()[0]?.to, phoneOf(2));
  });

  it('counts duplicates in dry-run and sends them once', async () => {
    await fx.emulator.emulator.store.clear();
    const rows = [`${phoneOf(3)},a`, `${phoneOf(3)},a`, `${phoneOf(3)},b`, `${phoneOf(4)},c`];
    await writeFile(join(fx.dir, 'dups.csv'), `phone,name\n${rows.join('\n')}\n`);
    const dry = await fx.cli(bulkSendArgs('dups.csv', { more: ['--dry-run'] }));
    assert.match(dry.stdout, /duplicate 1, same number with different parameters 1/);
    const sent = await fx.cli(bulkSendArgs('dups.csv', { out: 'dups.out.csv' }));
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stdout, /1 duplicate/);
    assert.match(sent.stderr, /1 rows repeat an earlier number with different parameters/);
    assert.equal(stored().length, 3);
    const results = await readResults(join(fx.dir, 'dups.out.csv'));
    assert.equal(results.find((r) => r[0] === '2')?.[2], 'duplicate');
  });

  it('a call that never reached Aliyun is unknown (exit 3), resent only with --resend-unknown', async () => {
    await fx.emulator.emulator.store.clear();
    const valid = await writeRecipients(join(fx.dir, 'lost.csv'), 300);
    const faults = fx.emulator.emulator.faults;
    faults.add({ action: 'SendBatchSms', kind: 'drop', count: 1 });
    const more = ['--unknown-deadline', '2 s'];
    try {
      const first = await fx.cli(bulkSendArgs('lost.csv', { out: 'lost.out.csv', more }));
      assert.equal(first.code, 3, first.stderr);
      assert.match(first.stdout, /200 submitted, 0 failed, 0 invalid, 0 pending, 100 unknown/);
      assert.match(first.stderr, /100 rows have an unknown outcome.*--resend-unknown/);
    } finally {
      faults.clear();
    }
    const results = await readResults(join(fx.dir, 'lost.out.csv'));
    assert.equal(results.filter((r) => r[2] === 'unknown').length, 100);
    assert.equal(stored().length, 200);
    const again = await fx.cli(bulkSendArgs('lost.csv', { more }));
    assert.equal(again.code, 3, 'a plain re-run does not resend');
    const resent = await fx.cli(bulkSendArgs('lost.csv', { more: [...more, '--resend-unknown'] }));
    assert.equal(resent.code, 0, resent.stderr);
    assertSentOnce(fx.emulator, valid);
  });

  it('a second run while the journal is locked exits at once naming the holder', async () => {
    await writeRecipients(join(fx.dir, 'locked.csv'), 10);
    // PID 1 is always alive: the holder cannot be taken over.
    const holder = { pid: 1, host: hostname(), startedAt: '2026-12-04T10:00:00.000Z' };
    await writeFile(join(fx.dir, 'locked.csv.journal.lock'), JSON.stringify(holder));
    const { code, stderr } = await fx.cli(bulkSendArgs('locked.csv'));
    assert.equal(code, 1);
    assert.match(stderr, /already running.*process 1 on .*started 2026-12-04T10:00:00\.000Z/);
  });

  it('an input edited between runs is refused with a clear message; --restart starts a new job', async () => {
    await fx.emulator.emulator.store.clear();
    const path = join(fx.dir, 'edited.csv');
    await writeRecipients(path, 50);
    assert.equal((await fx.cli(bulkSendArgs('edited.csv'))).code, 0);
    await writeFile(path, (await readFile(path, 'utf8')).replace(phoneOf(7), phoneOf(99)));
    const refused = await fx.cli(bulkSendArgs('edited.csv'));
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /input file changed.*--restart/);
    const restarted = await fx.cli(bulkSendArgs('edited.csv', { more: ['--restart'] }));
    assert.equal(restarted.code, 0, restarted.stderr);
    assert.match(restarted.stdout, /50 submitted/);
  });
});
