import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createEmulator } from '@alisms/emulator';
import { SmsClient } from 'alisms';
import { createMemoryReceiptStore, listen, pollReceiptsOnce } from '../src/index.js';

// The poller against the emulator through the real SDK client: QuerySendDetails answers what the
// emulator's carrier simulation decided, and the poller stores it like a push would.
describe('receipt poller with the SDK and the emulator', () => {
  const emulator = createEmulator({
    config: { receipts: { delay: 0, deliveredRatio: 1 }, flowControl: { enabled: false } },
  });
  const closing: (() => Promise<unknown>)[] = [() => emulator.close()];
  after(async () => {
    for (const close of closing) await close();
  });

  it('turns a tracked send into "delivered" once the emulator has decided', async () => {
    const server = await listen({ host: '127.0.0.1', port: 0 });
    closing.unshift(() => server.close());
    server.setMounted(emulator);
    const sms = new SmsClient({ endpoint: server.url, accessKeyId: 'testid', accessKeySecret: 'testsecret' });
    let unsubscribe = () => {};
    const decided = new Promise<void>((resolve) => {
      unsubscribe = emulator.store.subscribe((event) => {
        if (event.type === 'status' && event.message.status !== 'waiting') resolve();
      });
    });
    const { bizId } = await sms.sendSms({
      phoneNumbers: '13800138000',
      signName: '阿里云短信测试',
      templateCode: 'SMS_154950909',
      templateParam: { code: '123456' },
    });
    await decided;
    unsubscribe();
    const store = createMemoryReceiptStore();
    await store.track({ bizId, phoneNumber: '13800138000', sentAt: Date.now() });
    assert.equal(await pollReceiptsOnce({ store, source: sms }), 1);
    const [status] = await store.byBizId(bizId);
    assert.equal(status?.status, 'delivered');
    assert.equal(status?.errCode, 'DELIVERED');
    assert.equal(status?.source, 'poll');
    assert.deepEqual(await store.pending(10), []);
  });
});
