import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { testPrefix } from '../../../test/helpers/redis.js';
import { startService } from '../src/compose.js';
import { ConfigError, parseServeConfig } from '../src/index.js';
import { startHarness } from './service-harness.js';

// Per-tenant services through the HTTP API: the API key selects the service, whose sign, templates, limits and
// test numbers apply; limits count per service, the fuse globally or per service; codes never cross services.
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers) await close();
});

const KEYS = { top: 'top-level-key-0123456789', shop: 'shop-service-key-0123456', blog: 'blog-service-key-0123456' };
const EMULATOR = {
  signs: [
    { name: '阿里云短信测试', type: 'verification' },
    { name: 'ShopSign', type: 'verification' },
  ],
  templates: [
    { code: 'SMS_154950909', type: 'verification', content: '验证码${code}' },
    { code: 'SMS_SHOP_LOGIN', type: 'verification', content: '商城登录验证码${code}' },
  ],
};
const SERVICES = {
  shop: {
    apiKeys: [KEYS.shop],
    sms: { signName: 'ShopSign' },
    templates: { sms: { login: { templateCode: 'SMS_SHOP_LOGIN' } } },
    limits: { perDestination: [{ limit: 1, window: '1 h' }] },
    webhooks: [{ url: 'http://127.0.0.1:9/hooks', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }],
  },
  blog: { apiKeys: [KEYS.blog], testNumbers: { '+8613800000000': '135790' } },
};

async function codeFor(h: Awaited<ReturnType<typeof startHarness>>, to: string): Promise<string> {
  const found = (await h.inbox()).find((m) => m.to.endsWith(to));
  assert.ok(found?.code, `no message to ${to}`);
  return found.code;
}

describe('per-tenant services (HTTP API)', () => {
  it('selects the service by API key: its sign and template, its own limits, its test numbers', async () => {
    const h = await startHarness({
      emulatorConfig: EMULATOR,
      server: { apiKeys: [KEYS.top] },
      services: SERVICES,
    });
    closers.push(() => h.service.close());
    assert.equal((await h.post('/v1/verifications', { to: '13800138000' }, 'no-such-key-0123456789')).status, 401);
    assert.equal((await h.post('/v1/verifications', { to: '13800138000' })).status, 401);

    assert.equal((await h.post('/v1/verifications', { to: '13800138001', purpose: 'login' }, KEYS.shop)).status, 201);
    const [shopSms] = await h.inbox();
    assert.deepEqual([shopSms?.signName, shopSms?.templateCode], ['ShopSign', 'SMS_SHOP_LOGIN']);
    assert.equal((await h.post('/v1/verifications', { to: '13800138002', purpose: 'login' }, KEYS.top)).status, 201);
    const [topSms] = await h.inbox();
    assert.deepEqual([topSms?.signName, topSms?.templateCode], ['阿里云短信测试', 'SMS_154950909']);

    // The blog's test number is the blog's only: for the top level it is an ordinary number.
    assert.equal((await h.post('/v1/verifications', { to: '13800000000' }, KEYS.blog)).status, 201);
    const inboxBefore = (await h.inbox()).length;
    const approved = await h.post('/v1/verifications/check', { to: '13800000000', code: '135790' }, KEYS.blog);
    assert.equal(approved.status, 200);
    assert.equal((await h.inbox()).length, inboxBefore, 'nothing sent for the blog test number');
    assert.match(
      await h.metrics(),
      /alisms_otp_test_number_uses_total\{service="blog",action="send",outcome="stored"\} 1/,
    );
  });

  it('never checks one service’s code in another, and counts limits per service', async () => {
    const h = await startHarness({
      emulatorConfig: { ...EMULATOR, flowControl: { enabled: false } },
      server: { apiKeys: [KEYS.top] },
      services: SERVICES,
      otp: { limits: { cooldown: 1 } },
    });
    closers.push(() => h.service.close());
    const to = '13800138009';
    assert.equal((await h.post('/v1/verifications', { to, purpose: 'login' }, KEYS.shop)).status, 201);
    const code = await codeFor(h, to);
    const cross = await h.post('/v1/verifications/check', { to, purpose: 'login', code }, KEYS.blog);
    assert.equal(cross.status, 400, 'the blog cannot check the shop’s code');
    // The shop allows one send per number per hour; the blog has the top-level limits, counted apart.
    const shopAgain = await h.post('/v1/verifications', { to, purpose: 'login' }, KEYS.shop);
    assert.equal(shopAgain.status, 429);
    assert.equal((await h.post('/v1/verifications', { to, purpose: 'login' }, KEYS.blog)).status, 201);
    const own = await h.post('/v1/verifications/check', { to, purpose: 'login', code }, KEYS.shop);
    assert.equal(own.status, 200, 'the shop’s code still checks in the shop');
  });

  it('shares the daily fuse by default, or gives each service its own', async () => {
    const alerts: string[] = [];
    const fuse = async (scope: 'global' | 'service') => {
      const h = await startHarness(
        {
          emulatorConfig: { ...EMULATOR, flowControl: { enabled: false } },
          server: { apiKeys: [KEYS.top] },
          services: {
            shop: { apiKeys: [KEYS.shop] },
            blog: { apiKeys: [KEYS.blog], ...(scope === 'service' ? { limits: { globalDaily: { limit: 5 } } } : {}) },
          },
          otp: { limits: { cooldown: 1, globalDaily: { limit: 2, scope } } },
        },
        { onAlert: (alert, context) => void alerts.push(`${scope}:${alert.type}:${context?.service}`) },
      );
      closers.push(() => h.service.close());
      const statuses: number[] = [];
      for (const [i, key] of [KEYS.shop, KEYS.shop, KEYS.blog, KEYS.blog, KEYS.top].entries())
        statuses.push((await h.post('/v1/verifications', { to: `1380013810${i}` }, key)).status);
      return statuses;
    };
    assert.deepEqual(await fuse('global'), [201, 201, 429, 429, 429], 'one fuse of 2 for the deployment');
    assert.deepEqual(await fuse('service'), [201, 201, 201, 201, 201], 'shop 2 of 2, blog 2 of 5, top 1 of 2');
    // The alert names the service whose send blew the fuse: the shop's second send, both times.
    assert.deepEqual(alerts, ['global:fuse.tripped:shop', 'service:fuse.tripped:shop']);
  });

  it('namespaces the services’ Redis keys and leaves the single-service keys as they were', async (t) => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    try {
      await redis.connect();
    } catch {
      if (process.env.CI === 'true') throw new Error('Redis unreachable (CI must not skip)');
      t.skip('Redis unreachable');
      return;
    }
    const prefix = `${testPrefix()}:`;
    const h = await startHarness({
      emulatorConfig: EMULATOR,
      redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix },
      server: { apiKeys: [KEYS.top] },
      services: SERVICES,
    });
    closers.push(async () => {
      await h.service.close();
      const keys = await redis.keys(`{${prefix}otp}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    });
    const to = '13800138020';
    assert.equal((await h.post('/v1/verifications', { to }, KEYS.shop)).status, 201);
    const shopKeys = await redis.keys(`{${prefix}otp}:*`);
    assert.equal((await h.post('/v1/verifications', { to: '13800138021' }, KEYS.top)).status, 201);
    const allKeys = await redis.keys(`{${prefix}otp}:*`);
    const topKeys = allKeys.filter((k) => !shopKeys.includes(k));
    // The same number sent by the shop and by the top level would share no key: the ids differ per service.
    assert.ok(shopKeys.length > 0 && topKeys.length > 0);
    assert.ok(
      shopKeys.some((k) => k.includes(':lim:global-daily:all:')),
      'the shared fuse key is the single-service one',
    );
  });

  it('exposes each resolved service, webhooks included, and refuses ambiguous keys and shared-fuse overrides', async () => {
    const h = await startHarness({ emulatorConfig: EMULATOR, server: { apiKeys: [KEYS.top] }, services: SERVICES });
    closers.push(() => h.service.close());
    assert.deepEqual(
      h.service.services.map((s) => [s.name, s.namespace, s.webhooks.length]),
      [
        ['default', undefined, 0],
        ['shop', 'shop', 1],
        ['blog', 'blog', 0],
      ],
    );
    assert.equal(h.service.services[1]?.webhooks[0]?.url, 'http://127.0.0.1:9/hooks');
    const problems = async (input: Record<string, unknown>) => {
      try {
        await startService(parseServeConfig({ emulator: true, server: { port: 0 }, ...input }));
        assert.fail('started');
      } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        return error.message;
      }
    };
    const dup = await problems({
      server: { port: 0, apiKeys: [KEYS.top] },
      services: { shop: { apiKeys: [KEYS.top] } },
    });
    assert.match(dup, /services\.shop\.apiKeys\[0\]: this key is already a key of default/);
    assert.doesNotMatch(dup, new RegExp(KEYS.top), 'the key itself is never printed');
    assert.match(
      await problems({ services: { shop: { apiKeys: [KEYS.shop], limits: { globalDaily: { limit: 9 } } } } }),
      /services\.shop\.limits\.globalDaily: the fuse is shared/,
    );
    assert.throws(
      () => parseServeConfig({ services: { default: { apiKeys: [KEYS.shop] } } }),
      /"default" is the top-level/,
    );
  });
});
