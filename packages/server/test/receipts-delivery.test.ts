import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { isInvalidArgumentError, ManualClock } from 'alisms';
import { MemoryStore, smsMessage } from '../../../test/helpers/memory-store.js';
import { type Receiver, startReceiver } from '../../../test/helpers/receiver.js';
import {
  type Delivery,
  type DeliveryConfig,
  ManualScheduler,
  startDelivery,
} from '../../emulator/src/receipts/index.js';

const T0 = Date.UTC(2026, 0, 15, 2, 3, 4);

/** A random source that plays back a fixed sequence. */
function sequence(values: number[]): () => number {
  let i = 0;
  return () => {
    const v = values[i++ % values.length];
    return v ?? 0;
  };
}

describe('delivery simulation', () => {
  let delivery: Delivery | undefined;
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await delivery?.stop();
    await receiver?.close();
    delivery = undefined;
    receiver = undefined;
  });

  function setup(config: Partial<DeliveryConfig>, random?: () => number) {
    const store = new MemoryStore();
    const clock = new ManualClock(T0);
    const scheduler = new ManualScheduler(clock);
    delivery = startDelivery({ store, clock, scheduler, config, ...(random ? { random } : {}) });
    return { store, clock, scheduler };
  }

  it('keeps a message waiting until the delay has passed, then records the verdict', async () => {
    const { store, scheduler } = setup({ delay: 2500 });
    const m = smsMessage({ sentAt: new Date(T0).toISOString() });
    await store.add(m);
    await scheduler.advance(2499);
    assert.equal(store.get(m.id)?.status, 'waiting');
    await scheduler.advance(1);
    const after = store.get(m.id);
    assert.equal(after?.status, 'delivered');
    assert.equal(after?.errCode, 'DELIVERED');
    assert.equal(after?.receivedAt, new Date(T0 + 2500).toISOString());
  });

  it('mixes delivered and failed by the injected random source and deliveredRatio', async () => {
    const { store, scheduler } = setup(
      { delay: 10, deliveredRatio: 0.5, failCode: 'MOBILE_IN_BLACK' },
      sequence([0.1, 0.9, 0.5, 0.49]),
    );
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const m = smsMessage({ sentAt: new Date(T0).toISOString() });
      ids.push(m.id);
      await store.add(m);
    }
    await scheduler.advance(10);
    const verdicts = ids.map((id) => [store.get(id)?.status, store.get(id)?.errCode]);
    assert.deepEqual(verdicts, [
      ['delivered', 'DELIVERED'],
      ['failed', 'MOBILE_IN_BLACK'],
      ['failed', 'MOBILE_IN_BLACK'],
      ['delivered', 'DELIVERED'],
    ]);
  });

  it('never overrides a verdict already recorded (e.g. by a fault) and settles pre-existing messages', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock(T0);
    const scheduler = new ManualScheduler(clock);
    const old = smsMessage({ sentAt: new Date(T0 - 400).toISOString() });
    await store.add(old);
    const forced = smsMessage({ sentAt: new Date(T0).toISOString() });
    delivery = startDelivery({ store, clock, scheduler, config: { delay: 1000 }, random: () => 0.99 });
    await store.add(forced);
    await store.update(forced.id, { status: 'failed', errCode: 'IS_CLOSE' });
    await scheduler.advance(600);
    assert.equal(store.get(old.id)?.status, 'delivered', 'loaded message decided 1000 ms after it was sent');
    await scheduler.advance(400);
    assert.equal(store.get(forced.id)?.errCode, 'IS_CLOSE');
  });

  it('stop() cancels pending verdicts; clear() drops them', async () => {
    const { store, scheduler } = setup({ delay: 100 });
    await store.add(smsMessage({ sentAt: new Date(T0).toISOString() }));
    await store.clear();
    assert.equal(scheduler.pending, 0);
    const m = smsMessage({ sentAt: new Date(T0).toISOString() });
    await store.add(m);
    await delivery!.stop();
    delivery = undefined;
    assert.equal(scheduler.pending, 0);
    await scheduler.advance(1000);
    assert.equal(store.get(m.id)?.status, 'waiting');
  });

  it('pushes an SmsUp reply to upPushUrl', async () => {
    receiver = await startReceiver();
    setup({ upPushUrl: receiver.url });
    const outcome = await delivery!.simulateSmsUp({ phoneNumber: '13800138000', content: 'TD', destCode: '90999' });
    assert.equal(outcome.ok, true);
    const [push] = await receiver.waitFor(1);
    const body = push!.body as Array<Record<string, unknown>>;
    assert.equal(body.length, 1);
    assert.deepEqual(Object.keys(body[0]!).sort(), [
      'content',
      'dest_code',
      'phone_number',
      'send_time',
      'sequence_id',
    ]);
    assert.equal(body[0]!.phone_number, '13800138000');
    assert.equal(body[0]!.content, 'TD');
    assert.equal(body[0]!.dest_code, '90999');
    assert.equal(body[0]!.send_time, '2026-01-15 10:03:04');
    assert.equal(typeof body[0]!.sequence_id, 'string');
  });

  it('refuses to simulate SmsUp without upPushUrl', () => {
    setup({});
    assert.throws(
      () => delivery!.simulateSmsUp({ phoneNumber: '13800138000', content: 'hi' }),
      (e: unknown) => isInvalidArgumentError(e) && e.field === 'upPushUrl',
    );
  });
});
