import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { createMemoryReceiptStore, type DeliveryStatus } from '../src/index.js';
import { pollReceiptsOnce, type SendDetailsSource } from '../src/receipts/poller.js';

function source(statusByBiz: Record<string, number>, asked: string[]): SendDetailsSource {
  return {
    async querySendDetails(input) {
      asked.push(input.bizId);
      const sendStatus = statusByBiz[input.bizId] ?? 1;
      return {
        details: [
          {
            phoneNumber: input.phoneNumber,
            sendStatus,
            errCode: sendStatus === 3 ? 'DELIVERED' : sendStatus === 2 ? 'MOBILE_IN_BLACK' : undefined,
            receiveDate: sendStatus === 1 ? undefined : new Date(Date.UTC(2026, 0, 1, 0, 1)),
            outId: 'o1',
          },
        ],
      };
    },
  };
}

describe('receipt poller (QuerySendDetails)', () => {
  it('stores final statuses of tracked sends, leaves waiting ones, and reports each once', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const store = createMemoryReceiptStore({ clock });
    for (const bizId of ['b-delivered', 'b-failed', 'b-waiting'])
      await store.track({ bizId, phoneNumber: '13800138000', sentAt: clock.now() });
    const asked: string[] = [];
    const seen: DeliveryStatus[] = [];
    const src = source({ 'b-delivered': 3, 'b-failed': 2 }, asked);
    const first = await pollReceiptsOnce({ store, source: src, clock, onStatus: (s) => void seen.push(s) });
    assert.equal(first, 2);
    assert.deepEqual(seen.map((s) => [s.bizId, s.status, s.errCode, s.source]).sort(), [
      ['b-delivered', 'delivered', 'DELIVERED', 'poll'],
      ['b-failed', 'failed', 'MOBILE_IN_BLACK', 'poll'],
    ]);
    assert.deepEqual(
      (await store.pending(10)).map((p) => p.bizId),
      ['b-waiting'],
    );
    asked.length = 0;
    assert.equal(await pollReceiptsOnce({ store, source: src, clock }), 0);
    assert.deepEqual(asked, ['b-waiting']);
  });

  it('gives up on a send that never gets a receipt', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const store = createMemoryReceiptStore({ clock });
    await store.track({ bizId: 'b-old', phoneNumber: '13800138000', sentAt: clock.now() });
    clock.advance(3 * 86_400_000 + 1);
    const asked: string[] = [];
    await pollReceiptsOnce({ store, source: source({}, asked), clock });
    assert.deepEqual(asked, []);
    assert.equal((await store.byBizId('b-old'))[0]?.errCode, 'NO_RECEIPT');
    assert.deepEqual(await store.pending(10), []);
  });

  it('keeps polling after a failed query', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const store = createMemoryReceiptStore({ clock });
    await store.track({ bizId: 'b1', phoneNumber: '13800138000', sentAt: clock.now() });
    const failing: SendDetailsSource = { querySendDetails: () => Promise.reject(new Error('ECONNRESET')) };
    assert.equal(await pollReceiptsOnce({ store, source: failing, clock }), 0);
    assert.equal((await store.pending(10)).length, 1);
  });
});
