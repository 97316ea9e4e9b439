// What the raw view and delete need from the stores: both keep raw exchanges and deletions, and the
// file store's journal survives a restart and a compaction with one raw line per call.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FileStore } from '../src/store/file-store.js';
import { MemoryStore } from '../src/store/memory-store.js';
import type { RawExchange, StoredMessage, StoreEvent } from '../src/store/types.js';

const dir = mkdtempSync(join(tmpdir(), 'alisms-store-raw-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function message(n: number, to = '13800138000'): StoredMessage {
  return {
    id: String(n).padStart(10, '0'),
    product: 'sms',
    action: 'SendBatchSms',
    to,
    toKey: `86${to}`,
    content: `【测试】${n}`,
    segments: 1,
    status: 'waiting',
    sentAt: new Date(Date.UTC(2026, 0, 1) + n).toISOString(),
  };
}

const raw: RawExchange = {
  request: { method: 'POST', action: 'SendBatchSms', scheme: 'rpc', params: { Signature: '[REDACTED]' }, headers: {} },
  response: { status: 200, body: { Code: 'OK', BizId: '1^0' } },
};

for (const kind of ['memory', 'file'] as const) {
  describe(`${kind} store: raw exchanges and deletes`, () => {
    const open = (path = join(dir, `${kind}.jsonl`)) =>
      kind === 'memory' ? new MemoryStore({ maxMessages: 3 }) : new FileStore(path, { maxMessages: 3 });

    it('keeps one raw exchange for the messages of a call; delete drops message and raw, with one event', async () => {
      const store = open(join(dir, `${kind}-a.jsonl`));
      const events: StoreEvent[] = [];
      store.subscribe((e) => events.push(e));
      await store.add(message(1));
      await store.add(message(2, '13900139000'));
      await store.setRaw(['0000000001', '0000000002', '0000000404'], raw);
      assert.equal(store.getRaw('0000000001'), store.getRaw('0000000002'));
      assert.deepEqual(store.getRaw('0000000002'), raw);
      assert.equal(store.getRaw('0000000404'), undefined, 'no raw for a message that does not exist');
      assert.deepEqual(await store.remove(['0000000001', '0000000404']), ['0000000001']);
      assert.equal(store.get('0000000001'), undefined);
      assert.equal(store.getRaw('0000000001'), undefined);
      assert.deepEqual(await store.remove(['0000000001']), [], 'a second delete removes nothing and says so');
      assert.deepEqual(
        events.filter((e) => e.type === 'delete'),
        [{ type: 'delete', ids: ['0000000001'] }],
      );
      // Eviction past maxMessages drops the raw too.
      for (const n of [3, 4, 5]) await store.add(message(n));
      assert.equal(store.get('0000000002'), undefined);
      assert.equal(store.getRaw('0000000002'), undefined);
      await store.close();
    });

    it('filters by status and pages with before', async () => {
      const store = open(join(dir, `${kind}-b.jsonl`));
      for (const n of [1, 2, 3]) await store.add(message(n));
      await store.update('0000000002', { status: 'failed', errCode: 'MOBILE_NOT_ON_SERVICE' });
      assert.deepEqual(
        store.list({ status: 'failed' }).map((m) => m.id),
        ['0000000002'],
      );
      assert.deepEqual(
        store.list({ before: '0000000003' }).map((m) => m.id),
        ['0000000002', '0000000001'],
      );
      assert.deepEqual(
        store.list({ before: '0000000002', status: 'waiting' }).map((m) => m.id),
        ['0000000001'],
      );
      await store.close();
    });
  });
}

describe('file store journal', () => {
  it('replays raw and delete lines after a restart, and compacts a batch to one raw line', async () => {
    const path = join(dir, 'journal.jsonl');
    const store = new FileStore(path);
    for (const n of [1, 2, 3]) await store.add(message(n));
    await store.setRaw(['0000000001', '0000000002', '0000000003'], raw);
    await store.remove(['0000000002']);
    await store.close();
    const reopened = new FileStore(path);
    assert.equal(reopened.get('0000000002'), undefined, 'the delete survived the restart');
    assert.deepEqual(reopened.getRaw('0000000003'), raw);
    assert.equal(reopened.getRaw('0000000001'), reopened.getRaw('0000000003'), 'still one shared object');
    await reopened.close();
    const lines = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { op: string; ids?: string[] });
    assert.deepEqual(
      lines.map((l) => l.op),
      ['add', 'add', 'raw'],
    );
    assert.deepEqual(lines[2]?.ids, ['0000000001', '0000000003']);
  });
});
