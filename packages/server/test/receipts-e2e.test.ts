// Delivery receipts end to end: the SDK sends to the emulator, the emulator pushes SmsReport to a
// loopback receiver, and QuerySendDetails reports the final status. Time moves by hand.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { ManualClock, SmsClient } from 'alisms';
import { acknowledge, type Receiver, type Responder, startReceiver } from '../../../test/helpers/receiver.js';
import { ManualScheduler, type PushAttempt } from '../../emulator/src/receipts/index.js';

const SIGN = '阿里云短信测试';
const TEMPLATE = 'SMS_154950909';

describe('receipts through the emulator', () => {
  let running: RunningEmulator | undefined;
  let receiver: Receiver | undefined;
  let sms: SmsClient | undefined;
  afterEach(async () => {
    sms?.close();
    await running?.close();
    await receiver?.close();
    running = undefined;
    receiver = undefined;
    sms = undefined;
  });

  async function start(receipts: Record<string, unknown>, respond: Responder = acknowledge) {
    receiver = await startReceiver(respond);
    // The emulator checks request timestamps against its clock, so it starts at the real time.
    const clock = new ManualClock(Date.now());
    const scheduler = new ManualScheduler(clock);
    const attempts: PushAttempt[] = [];
    const waiters: Array<() => void> = [];
    /** Resolves once `n` push attempts have settled (each schedules its retry before it reports). */
    const settled = async (n: number) => {
      while (attempts.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    };
    running = await startEmulator({
      clock,
      config: {
        flowControl: { enabled: false },
        receipts: { pushUrl: receiver.url, delay: '2 s', retryScale: 0.001, ...receipts },
      },
      delivery: {
        scheduler,
        onAttempt: (a) => {
          attempts.push(a);
          for (const wake of waiters.splice(0)) wake();
        },
      },
    });
    sms = new SmsClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint: running.url });
    return { clock, scheduler, attempts, settled, receiver, sms };
  }

  it('pushes one SmsReport batch for a two-number send and QuerySendDetails shows delivered', async () => {
    const { scheduler, receiver: r, sms: client, clock } = await start({});
    const sent = await client.sendSms({
      phoneNumbers: ['13800138000', '+8613900139000'],
      signName: SIGN,
      templateCode: TEMPLATE,
      templateParam: { code: '246810' },
    });
    const before = await client.querySendDetails({
      phoneNumber: '13800138000',
      sendDate: new Date(clock.now()),
      bizId: sent.bizId,
    });
    assert.equal(before.details[0]?.sendStatus, 1, 'waiting until the carrier answers');
    await scheduler.advance(2000);
    const [push] = await r.waitFor(1);
    const items = push!.body as Array<Record<string, unknown>>;
    assert.deepEqual(items.map((i) => i.phone_number).sort(), ['13800138000', '13900139000']);
    for (const item of items) {
      assert.equal(item.biz_id, sent.bizId);
      assert.equal(item.out_id, sent.outId);
      assert.equal(item.success, true);
      assert.equal(item.err_code, 'DELIVERED');
      assert.equal(item.sms_size, '1');
      assert.match(String(item.send_time), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    }
    const after = await client.querySendDetails({
      phoneNumber: '13800138000',
      sendDate: new Date(clock.now()),
      bizId: sent.bizId,
    });
    assert.equal(after.totalCount, 1);
    assert.equal(after.details[0]?.sendStatus, 3);
    assert.equal(after.details[0]?.errCode, 'DELIVERED');
    assert.ok(after.details[0]?.receiveDate instanceof Date);
  });

  it('reports a failed verdict in the push and in QuerySendDetails', async () => {
    const {
      scheduler,
      receiver: r,
      sms: client,
      clock,
    } = await start({ deliveredRatio: 0, failCode: 'MOBILE_IN_BLACK' });
    const sent = await client.sendSms({
      phoneNumbers: '13700137000',
      signName: SIGN,
      templateCode: TEMPLATE,
      templateParam: { code: '1357' },
    });
    await scheduler.advance(2000);
    const [push] = await r.waitFor(1);
    assert.deepEqual(
      (push!.body as Array<Record<string, unknown>>).map((i) => [i.success, i.err_code]),
      [[false, 'MOBILE_IN_BLACK']],
    );
    const details = await client.querySendDetails({
      phoneNumber: '13700137000',
      sendDate: new Date(clock.now()),
      bizId: sent.bizId,
    });
    assert.equal(details.details[0]?.sendStatus, 2);
    assert.equal(details.details[0]?.errCode, 'MOBILE_IN_BLACK');
  });

  it('retries a receiver that answers 500 twice, with the scaled schedule, and stops after success', async () => {
    const {
      scheduler,
      receiver: r,
      sms: client,
      attempts,
      settled,
    } = await start({}, (p, i, res) => (i < 2 ? res.writeHead(500).end() : acknowledge(p, i, res)));
    await client.sendSms({
      phoneNumbers: '13600136000',
      signName: SIGN,
      templateCode: TEMPLATE,
      templateParam: { code: '8642' },
    });
    await scheduler.advance(2000);
    await settled(1);
    await scheduler.advance(59);
    assert.equal(scheduler.pending, 1, 'the retry still waits at 59 ms');
    assert.equal(r.pushes.length, 1);
    await scheduler.advance(1);
    await settled(2);
    await scheduler.advance(300);
    await settled(3);
    const pushes = await r.waitFor(3);
    assert.deepEqual(pushes[2]!.body, pushes[0]!.body);
    await scheduler.advance(10_000);
    assert.equal(r.pushes.length, 3);
    assert.deepEqual(
      attempts.map((a) => [a.attempt, a.outcome.ok, a.retryInMs]),
      [
        [1, false, 60],
        [2, false, 300],
        [3, true, undefined],
      ],
    );
  });
});
