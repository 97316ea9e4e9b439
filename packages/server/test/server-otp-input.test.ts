import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryOtpStore, createOtp, type Otp } from '@alisms/otp';
import { InvalidArgumentError, ManualClock } from 'alisms';
import { createApp, createLogger, createMemoryReceiptStore } from '../src/index.js';
import { fromOtp } from '../src/otp-adapter.js';

const SECRET = 'otp-input-test-secret-0123456789abcdef';

/** The real library on the memory store behind the app; `socketAddress` plays the mount's peer address. */
function app(socketAddress: string | undefined, otp?: Otp) {
  const sent: string[] = [];
  const real = createOtp({
    secret: SECRET,
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    store: createMemoryOtpStore(),
    sender: {
      async sendSms(to) {
        sent.push(to);
      },
      async sendEmail(to) {
        sent.push(to);
      },
    },
  });
  const hono = createApp({
    verifications: fromOtp(otp ?? real),
    receipts: createMemoryReceiptStore(),
    allowAnonymous: true,
    logger: createLogger({ level: 'silent' }),
    socketAddress: () => socketAddress,
  });
  const post = async (body: unknown) => {
    const res = await hono.request('/v1/verifications', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { error?: { code: string; message: string; issues?: { path: string }[] } };
    return { status: res.status, error: json.error };
  };
  return { post, sent };
}

describe('bad send arguments are 400s with a clear code, never 500s', () => {
  it('a purpose or channel the library would refuse is caught by the route, naming the field', async () => {
    const { post, sent } = app('203.0.113.9');
    for (const [body, field] of [
      [{ to: '13800138000', purpose: 'Login!' }, 'purpose'],
      [{ to: '13800138000', purpose: 'x'.repeat(33) }, 'purpose'],
      [{ to: '13800138000', purpose: '' }, 'purpose'],
      [{ to: '13800138000', channel: 'fax' }, 'channel'],
      [{ to: '13800138000', channel: 'SMS' }, 'channel'],
    ] as const) {
      const { status, error } = await post(body);
      assert.equal(status, 400, JSON.stringify(body));
      assert.equal(error?.code, 'invalid_body');
      assert.deepEqual(
        error?.issues?.map((i) => i.path),
        [field],
      );
    }
    assert.equal(sent.length, 0);
  });

  it('without a channel, an address with a full-width at sign is e-mail, as the library reads it', async () => {
    const { post, sent } = app('203.0.113.9');
    assert.equal((await post({ to: 'ａｌｉｃｅ＠example.com', purpose: 'login' })).status, 201);
    assert.deepEqual(sent, ['alice@example.com']);
  });

  it('a client address that is not an IP (a mount with a odd socketAddress) is 400 invalid_client_ip', async () => {
    for (const peer of ['not-an-ip', 'unix:/tmp/sock', '999.1.1.1', '']) {
      const { post, sent } = app(peer);
      const { status, error } = await post({ to: '13800138000', purpose: 'login' });
      assert.equal(status, 400, peer);
      assert.equal(error?.code, 'invalid_client_ip');
      assert.equal(sent.length, 0);
    }
    const ok = app('fe80::1%eth0');
    assert.equal((await ok.post({ to: '13800138000', purpose: 'login' })).status, 201, 'an IPv6 zone is fine');
  });

  it('an InvalidArgumentError that still reaches the adapter is mapped to a 400 by field', async () => {
    for (const [field, code] of [
      ['purpose', 'invalid_purpose'],
      ['channel', 'invalid_channel'],
      ['ip', 'invalid_client_ip'],
    ] as const) {
      const throwing: Otp = {
        send: async () => {
          throw new InvalidArgumentError(field, 'refused by the library');
        },
        check: async () => ({ ok: false, reason: 'invalid_code' }),
      };
      const { status, error } = await app('203.0.113.9', throwing).post({ to: '13800138000', purpose: 'login' });
      assert.equal(status, 400, field);
      assert.equal(error?.code, code);
      assert.match(error?.message ?? '', new RegExp(`^${field}: `));
    }
  });

  it('the library itself throws InvalidArgumentError for a bad purpose, IP or channel', async () => {
    const otp = createOtp({
      secret: SECRET,
      store: createMemoryOtpStore(),
      sender: { sendSms: async () => undefined, sendEmail: async () => undefined },
    });
    const base = { to: '13800138000', channel: 'sms' as const, purpose: 'login', ip: '203.0.113.9' };
    for (const [bad, field] of [
      [{ purpose: 'Login!' }, 'purpose'],
      [{ purpose: undefined }, 'purpose'],
      [{ purpose: 42 }, 'purpose'],
      [{ ip: 'localhost' }, 'ip'],
      [{ ip: undefined }, 'ip'],
      [{ channel: 'fax' }, 'channel'],
      [{ channel: undefined }, 'channel'],
      [{ to: undefined }, 'to'],
    ] as const)
      await assert.rejects(
        otp.send({ ...base, ...bad } as typeof base),
        (e: unknown) => e instanceof InvalidArgumentError && e.field === field,
      );
  });

  it('fromOtp refuses an unknownIp that is not an address when it is built', () => {
    const otp: Otp = {
      send: async () => ({ ok: false, reason: 'invalid_destination' }),
      check: async () => ({ ok: true }),
    };
    assert.throws(() => fromOtp(otp, { unknownIp: 'nowhere' }), InvalidArgumentError);
  });
});
