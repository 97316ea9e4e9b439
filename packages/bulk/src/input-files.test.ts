// The files people really have (issue 11, cases 7, 8, 9, 11): other encodings, Excel workbooks,
// binary files, empty files, giant rows, duplicates, values over Aliyun's limits.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { fakeBulkJob, fakePhone } from '../../../test/helpers/bulk-fake.js';
import { dryRun } from './dry-run.js';
import { BulkInputError } from './input-error.js';
import { type PlanItem, planJob, preflight } from './plan.js';
import { runBulkJob } from './runner.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alisms-bulk-files-'));
});
after(() => rm(dir, { recursive: true, force: true }));

let n = 0;
async function file(ext: string, content: string | Buffer): Promise<string> {
  const path = join(dir, `f${n++}.${ext}`);
  await writeFile(path, content);
  return path;
}

const spec = (input: string, more: object = {}) => ({ input, signName: 'Acme', templateCode: 'SMS_1', ...more });

async function items(input: string, more: object = {}): Promise<PlanItem[]> {
  const s = spec(input, more);
  const encoding = await preflight(s);
  const out: PlanItem[] = [];
  for await (const item of planJob({ ...s, encoding })) out.push(item);
  return out;
}

function paramsOf(list: PlanItem[]): Array<Record<string, string>> {
  return list.flatMap((i) => (i.kind === 'batch' ? i.batch.rows.map((r) => r.params) : []));
}

async function inputError(promise: Promise<unknown>): Promise<BulkInputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof BulkInputError, `expected a BulkInputError, got ${String(error)}`);
  return error;
}

// GBK bytes, as Excel on Chinese Windows saves "CSV": 您好 = C4FA BAC3, 李雷 = C0EE C0D7 (GB2312 table).
const GBK_CSV = Buffer.concat([
  Buffer.from('phone,name\n13800000001,Li\n13800000002,'),
  Buffer.from('c4fabac3c0eec0d7', 'hex'),
  Buffer.from('\n'),
]);

describe('text encodings', () => {
  it('refuses a GBK file read as UTF-8, naming the row and suggesting --encoding', async () => {
    const input = await file('csv', GBK_CSV);
    const error = await inputError(items(input));
    assert.match(error.message, /row 2 \(line 3\) is not valid UTF-8/);
    assert.match(error.message, /--encoding gbk/);
    // Nothing was sent: the check runs before the journal is opened.
    const { options, port } = await fakeBulkJob(dir, []);
    await inputError(runBulkJob({ ...options, input }));
    assert.equal(port.sendCalls, 0);
  });

  it('decodes GBK, GB18030 and UTF-16LE (with its BOM) correctly', async () => {
    const gbk = await file('csv', GBK_CSV);
    assert.deepEqual(paramsOf(await items(gbk, { encoding: 'gbk' })), [{ name: 'Li' }, { name: '您好李雷' }]);
    assert.deepEqual(paramsOf(await items(gbk, { encoding: 'gb18030' })), [{ name: 'Li' }, { name: '您好李雷' }]);
    const utf16 = await file(
      'csv',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('phone,name\n13800000003,张三\n', 'utf16le')]),
    );
    assert.deepEqual(paramsOf(await items(utf16)), [{ name: '张三' }]);
    const utf8Bom = await file('csv', `\ufeffphone,name\n13800000004,王五\n`);
    assert.deepEqual(paramsOf(await items(utf8Bom)), [{ name: '王五' }]);
  });
});

describe('Excel and binary files', () => {
  async function workbook(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet('Customers');
    first.addRow(['phone', 'name']);
    first.addRow([13800000011, '李雷']); // a number cell, as Excel stores a typed-in phone
    first.addRow(['13800000012', { richText: [{ text: 'Han' }, { text: 'Mei' }] }]);
    first.addRow([]);
    first.addRow(['bad', 'x']);
    const second = wb.addWorksheet('VIP');
    second.addRow(['phone', 'name']);
    second.addRow(['13800000013', { formula: '"A"&"B"', result: 'AB' }]);
    const path = join(dir, `book${n++}.xlsx`);
    await wb.xlsx.writeFile(path);
    return path;
  }

  it('reads the first sheet of an .xlsx, header row first, numbers as written', async () => {
    const list = await items(await workbook());
    assert.deepEqual(paramsOf(list), [{ name: '李雷' }, { name: 'HanMei' }]);
    const rows = list.flatMap((i) => (i.kind === 'batch' ? i.batch.rows.map((r) => r.phone) : []));
    assert.deepEqual(rows, ['13800000011', '13800000012']);
    assert.deepEqual(
      list.filter((i) => i.kind === 'invalid').map((i) => (i.kind === 'invalid' ? i.invalid.row : 0)),
      [4],
    );
  });

  it('reads a sheet by name, and names the sheets when it is missing', async () => {
    const book = await workbook();
    assert.deepEqual(paramsOf(await items(book, { sheet: 'VIP' })), [{ name: 'AB' }]);
    const error = await inputError(items(book, { sheet: 'Nope' }));
    assert.match(error.message, /no sheet named "Nope".*"Customers", "VIP"/);
  });

  it('refuses an .xlsx renamed to .csv, an old .xls, and other binary files', async () => {
    const zip = await file('csv', await readFile(await workbook()));
    assert.match((await inputError(items(zip))).message, /is a ZIP file \(an Excel workbook\?\)/);
    const xls = await file('csv', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'));
    assert.match((await inputError(items(xls))).message, /old binary Excel file/);
    const png = await file('csv', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    assert.match((await inputError(items(png))).message, /binary file/);
    const notBook = await file('xlsx', 'phone,name\n');
    assert.match((await inputError(items(notBook))).message, /not an Excel \.xlsx workbook/);
  });
});

describe('empty files and giant rows', () => {
  it('an empty file and a header-only file are errors, not "0 rows"', async () => {
    assert.match((await inputError(items(await file('csv', '')))).message, /is empty/);
    assert.match((await inputError(items(await file('csv', 'phone,name\n')))).message, /header row but no data rows/);
    assert.match((await inputError(items(await file('jsonl', '\n\n')))).message, /no rows/);
  });

  it('a row over the size cap stops with an error naming it, quickly', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const started = performance.now();
    const csv = await file('csv', `phone,name\n13800000001,a\n13800000002,${big}\n13800000003,c\n`);
    const error = await inputError(items(csv));
    assert.match(error.message, /row 2 is longer than 65536 characters/);
    const oneLine = await file('csv', big);
    assert.match((await inputError(items(oneLine))).message, /longer than 65536 characters/);
    const jsonl = await file('jsonl', `{"phone":"13800000001","name":"${big}"}\n`);
    assert.match((await inputError(items(jsonl))).message, /row 1 is longer than 65536/);
    // Not a timing assertion on the code under test: a guard against the 45 s parse coming back.
    assert.ok(performance.now() - started < 30_000);
  });
});

describe('duplicates and limits', () => {
  const lines = [
    `${fakePhone(1)},a`,
    `${fakePhone(2)},b`,
    `+86 ${fakePhone(1)},a`, // the same row once normalised
    `${fakePhone(1)},other`, // same number, other parameters: sent, flagged
    `${fakePhone(2)},b`,
    `${fakePhone(3)},${'长'.repeat(600)}`, // over Aliyun's 500 characters
    `${fakePhone(4)},d`,
  ];

  it('sends an exact duplicate once, reports it, flags the same number with other parameters', async () => {
    const { options, port } = await fakeBulkJob(dir, lines);
    const summary = await runBulkJob(options);
    assert.equal(summary.duplicate, 2);
    assert.equal(summary.samePhoneDifferentParams, 1);
    assert.equal(summary.invalid, 1);
    assert.equal(summary.submitted, 4);
    assert.equal(summary.rows, 7);
    assert.deepEqual(port.sent.map((s) => `${s.phone}:${s.params?.name}`).sort(), [
      `${fakePhone(1)}:a`,
      `${fakePhone(1)}:other`,
      `${fakePhone(2)}:b`,
      `${fakePhone(4)}:d`,
    ]);
    const results = (await readFile(options.resultsPath as string, 'utf8')).trim().split('\n').slice(1);
    const status = new Map(results.map((l) => [Number(l.split(',')[0]), l.split(',')[2]]));
    assert.equal(status.get(3), 'duplicate');
    assert.equal(status.get(5), 'duplicate');
    assert.equal(status.get(6), 'invalid');
    assert.match(results.find((l) => l.startsWith('6,')) ?? '', /over 500 characters/);
  });

  it('--allow-duplicates sends them; dry-run counts them', async () => {
    const { options, port } = await fakeBulkJob(dir, lines);
    const summary = await runBulkJob({ ...options, allowDuplicates: true });
    assert.equal(summary.duplicate, 0);
    assert.equal(port.sent.length, 6);
    const report = await dryRun(spec(options.input));
    assert.equal(report.duplicate, 2);
    assert.equal(report.samePhoneDifferentParams, 1);
    assert.equal(report.valid, 4);
    assert.equal(report.rows, 7);
  });
});
