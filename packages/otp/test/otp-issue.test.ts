import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { cooldown, createOtp, createRedisClient, createRedisOtpStore, perDestination } from '../src/index.js';
import { RedisScript } from '../src/limiter/index.js';
import {
  FakeSender,
  type Harness,
  harnessFactories,
  REDIS_URL,
  SECRET,
  setup,
  skipUnlessStore,
} from './otp-harness.js';

const TO = '+8613800138000';
const IP = '203.0.113.7';
const REQUEST = { to: TO, channel: 'sms', purpose: 'login', ip: IP } as const;

/** Keys and values only: Redis TTLs tick in real time, so they are compared by the TTL test instead. */
async function snapshot(harness: Harness, now: number): Promise<string[]> {
  return (await harness.dump(now)).map((k) => `${k.key}=${k.values.join(',')}`).sort();
}

for (const factory of harnessFactories) {
  describe(`otp send as one store step (${factory.name} store)`, await skipUnlessStore(factory.name), () => {
    let harness: Harness;
    beforeEach(() => {
      harness = factory.create();
    });
    afterEach(() => harness.close());

    it('a send refused by a limit leaves every key as it was', async () => {
      const { otp, clock } = setup(harness, { limits: [cooldown('60 s'), perDestination(5, '1 h')] });
      assert.equal((await otp.send(REQUEST)).ok, true);
      const before = await snapshot(harness, clock.now());
      const refused = await otp.send({ ...REQUEST, ip: '198.51.100.1' });
      assert.equal(!refused.ok && refused.reason === 'rate_limited' && refused.limit, 'cooldown');
      assert.deepEqual(await snapshot(harness, clock.now()), before);
    });

    it('a send to a locked destination goes out and lifts the lock; checkWithLock says until when before that', async () => {
      const { otp, sender, clock } = setup(harness, {
        limits: [perDestination(10, '1 h')],
        lockout: { failures: 2, window: '1 h', lock: '10 min' },
      });
      assert.equal((await otp.send(REQUEST)).ok, true);
      for (let i = 0; i < 2; i++) await otp.check({ to: TO, purpose: 'login', code: 'wrong' });
      // check() answers a locked destination like any failure; checkWithLock() also says until when.
      const code = { to: TO, purpose: 'login', code: sender.lastCode(TO) };
      assert.deepEqual(await otp.check(code), { ok: false, reason: 'invalid_code' });
      assert.deepEqual(await otp.checkWithLock?.(code), {
        ok: false,
        reason: 'invalid_code',
        lockedUntil: clock.now() + 600_000,
      });
      assert.equal((await otp.send(REQUEST)).ok, true, 'a lock never refuses a send');
      assert.equal(sender.sms.length, 2);
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: sender.lastCode(TO) }), { ok: true });
    });

    it('says when a resend may go: the cooldown, or the limit this send filled that stays closed longest', async () => {
      const { otp, clock } = setup(harness, { limits: [cooldown('60 s'), perDestination(2, '1 h')] });
      const start = clock.now();
      const first = await otp.send(REQUEST);
      assert.equal(first.ok && first.resendAfter, start + 60_000);
      clock.advance(60_000);
      const early = await otp.send(REQUEST);
      assert.equal(early.ok, true, 'the cooldown ended at resendAfter');
      assert.equal(early.ok && early.resendAfter, start + 3600_000, 'the hourly cap is now full');
      const open = setup(harness, { limits: [] });
      const any = await open.otp.send({ ...REQUEST, purpose: 'signup' });
      assert.equal(any.ok && any.resendAfter, open.clock.now());
    });

    it('a stored code replaces the previous one and its attempt count', async () => {
      const { otp, sender } = setup(harness, { limits: [], attempts: 2 });
      await otp.send(REQUEST);
      await otp.check({ to: TO, purpose: 'login', code: 'wrong' });
      await otp.send(REQUEST);
      await otp.check({ to: TO, purpose: 'login', code: 'wrong' });
      // Had the first code's spent attempt carried over, this second wrong attempt would have killed the code.
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: sender.lastCode(TO) }), { ok: true });
    });
  });
}

describe('otp send on Redis: round trips', await skipUnlessStore('redis'), () => {
  it('a send is one EVALSHA (delivered or refused), a check one more', async () => {
    const prefix = `test:otp:${randomBytes(6).toString('hex')}`;
    const redis = createRedisClient(REDIS_URL);
    const commands: string[] = [];
    const sendCommand = redis.sendCommand.bind(redis);
    redis.sendCommand = ((command: { name: string }, ...rest: unknown[]) => {
      commands.push(command.name);
      return (sendCommand as (...a: unknown[]) => unknown)(command, ...rest);
    }) as typeof redis.sendCommand;
    try {
      const sender = new FakeSender();
      const otp = createOtp({
        secret: SECRET,
        store: createRedisOtpStore({ redis, prefix }),
        sender,
        limits: [cooldown('60 s'), perDestination(5, '1 h')],
      });
      await otp.send({ ...REQUEST, to: '+8613900139000' }); // may load the script (EVALSHA → NOSCRIPT → EVAL)
      commands.length = 0;
      assert.equal((await otp.send(REQUEST)).ok, true);
      assert.deepEqual(commands, ['evalsha']);
      commands.length = 0;
      assert.equal((await otp.send(REQUEST)).ok, false, 'cooldown');
      assert.deepEqual(commands, ['evalsha']);
      commands.length = 0;
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: sender.lastCode(TO) }), { ok: true });
      assert.deepEqual(commands, ['evalsha']);
    } finally {
      redis.sendCommand = sendCommand;
      const keys = await redis.keys(`{${prefix}}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });
});

describe('issue-code-n.lua', () => {
  it('carries its contract header: keys, arguments and replies', () => {
    const script = new RedisScript(new URL('../src/lua/issue-code-n.lua', import.meta.url));
    assert.equal(script.name, 'issue-code-n.lua');
    for (const part of ['KEYS[1]', 'KEYS[2]', 'KEYS[2 + i]', 'ARGV[1]', 'ARGV[6]', 'Returns', '"limited"', '"stored"'])
      assert.ok(script.source.includes(part), part);
  });
});
