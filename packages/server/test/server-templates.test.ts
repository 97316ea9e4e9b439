import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startService } from '../src/compose.js';
import { ConfigError, parseServeConfig } from '../src/index.js';
import { type InboxMessage, OTP_SECRET, startHarness } from './service-harness.js';

// Templates per purpose and locale, through the HTTP API against the embedded emulator: which sign and template
// (or international text, or e-mail) each send used, and the start-up errors for missing ones.
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers) await close();
});

const EMULATOR = {
  signs: [
    { name: 'LoginSign', type: 'verification' },
    { name: 'ShopSign', type: 'verification' },
  ],
  templates: [
    { code: 'SMS_DEFAULT', type: 'verification', content: '验证码${code}' },
    { code: 'SMS_LOGIN', type: 'verification', content: '登录验证码${code}' },
    { code: 'SMS_LOGIN_EN', type: 'verification', content: 'Login code ${code}' },
    { code: 'SMS_RESET', type: 'verification', content: '重置密码验证码${code}' },
    { code: 'SMS_BIND', type: 'verification', content: '绑定手机验证码${num}' },
  ],
};

const TEMPLATES = {
  sms: {
    default: { signName: 'LoginSign', templateCode: 'SMS_DEFAULT' },
    login: { templateCode: 'SMS_LOGIN', locales: { en: { templateCode: 'SMS_LOGIN_EN' } } },
    reset_password: { templateCode: 'SMS_RESET' },
    bind_phone: { signName: 'ShopSign', templateCode: 'SMS_BIND', codeParam: 'num' },
  },
  intl: {
    default: { text: 'Your code is ${code}, valid ${minutes} min.', from: 'Alisms' },
    login: {
      locales: { ja: { text: 'ログインコード ${code}' } },
      // A sender ID registered for one country, and its text: the destination's country comes before the locale.
      countries: { SG: { text: 'SG login code ${code}', from: 'AcmeSG' } },
    },
  },
  email: {
    default: { subject: 'Your code', text: 'Code: ${code}' },
    login: {
      subject: 'Sign in',
      html: '<p>Sign-in code <b>${code}</b> for ${purpose}</p>',
      locales: { 'zh-CN': { subject: '登录验证码' }, zh: { subject: '验证码' } },
    },
  },
};

async function sendAndRead(
  h: Awaited<ReturnType<typeof startHarness>>,
  body: Record<string, unknown>,
): Promise<InboxMessage> {
  const res = await h.post('/v1/verifications', body);
  assert.equal(res.status, 201, await res.clone().text());
  const [latest] = await h.inbox();
  assert.ok(latest);
  return latest;
}

describe('templates per purpose and locale (HTTP API, emulator)', () => {
  it('picks the sign and template per purpose, then locale → language → default, for China SMS', async () => {
    const h = await startHarness({
      emulatorConfig: EMULATOR,
      templates: TEMPLATES,
      otp: {
        phone: { allowedCountries: ['CN', 'JP', 'GB'] },
        limits: { cooldown: 1, perIp: [{ limit: 100, window: '1 h' }] },
      },
    });
    closers.push(() => h.service.close());
    const cases: [Record<string, unknown>, string, string][] = [
      [{ to: '13800138001', purpose: 'login' }, 'LoginSign', 'SMS_LOGIN'],
      [{ to: '13800138002', purpose: 'login', locale: 'en-GB' }, 'LoginSign', 'SMS_LOGIN_EN'],
      [{ to: '13800138003', purpose: 'login', locale: 'fr' }, 'LoginSign', 'SMS_LOGIN'],
      [{ to: '13800138004', purpose: 'reset_password' }, 'LoginSign', 'SMS_RESET'],
      [{ to: '13800138005', purpose: 'bind_phone' }, 'ShopSign', 'SMS_BIND'],
      [{ to: '13800138006', purpose: 'signup' }, 'LoginSign', 'SMS_DEFAULT'],
      [{ to: '13800138007' }, 'LoginSign', 'SMS_DEFAULT'],
    ];
    for (const [body, sign, template] of cases) {
      const m = await sendAndRead(h, body);
      assert.equal(m.product, 'sms');
      assert.deepEqual([m.signName, m.templateCode], [sign, template], JSON.stringify(body));
    }
    // bind_phone's template names its variable num: the code went into it, and it checks.
    const bind = (await h.inbox()).find((m) => m.templateCode === 'SMS_BIND');
    const code = /(\d{6})/.exec(bind?.content ?? '')?.[1];
    assert.ok(code);
    const check = await h.post('/v1/verifications/check', { to: '13800138005', purpose: 'bind_phone', code });
    assert.equal(check.status, 200);
  });

  it('sends numbers outside mainland China through the international API with their own text', async () => {
    const h = await startHarness({
      emulatorConfig: EMULATOR,
      templates: TEMPLATES,
      otp: { phone: { allowedCountries: ['CN', 'JP', 'GB', 'SG'] }, limits: { cooldown: 1 } },
    });
    closers.push(() => h.service.close());
    const us = await sendAndRead(h, { to: '+44 7400 123456', purpose: 'login' });
    assert.equal(us.product, 'intl');
    assert.equal(us.action, 'SendMessageToGlobe');
    assert.match(us.content, /^Your code is \d{6}, valid 5 min\.$/);
    const ja = await sendAndRead(h, { to: '+81 90 1234 5678', purpose: 'login', locale: 'ja-JP' });
    assert.match(ja.content, /^ログインコード \d{6}$/);
    const code = /(\d{6})/.exec(ja.content)?.[1];
    const check = await h.post('/v1/verifications/check', { to: '+819012345678', purpose: 'login', code });
    assert.equal(check.status, 200, 'an international code checks like any other');
    // The number's country picks its entry, ahead of the caller's locale; other purposes fall back to default.
    const sg = await sendAndRead(h, { to: '+65 8123 4567', purpose: 'login', locale: 'ja' });
    assert.match(sg.content, /^SG login code \d{6}$/);
    const sgReset = await sendAndRead(h, { to: '+65 8123 4568', purpose: 'reset_password' });
    assert.match(sgReset.content, /^Your code is \d{6}, valid 5 min\.$/);
  });

  it('renders e-mail subject and bodies per purpose and locale, HTML-escaped', async () => {
    const h = await startHarness({ emulatorConfig: EMULATOR, templates: TEMPLATES, otp: { limits: { cooldown: 1 } } });
    closers.push(() => h.service.close());
    const zhCN = await sendAndRead(h, { to: 'a@example.com', purpose: 'login', locale: 'zh-CN' });
    assert.equal(zhCN.mail?.subject, '登录验证码');
    assert.match(zhCN.mail?.htmlBody ?? '', /^<p>Sign-in code <b>\d{6}<\/b> for login<\/p>$/);
    assert.match(zhCN.mail?.textBody ?? '', /^Code: \d{6}$/);
    const zhTW = await sendAndRead(h, { to: 'b@example.com', purpose: 'login', locale: 'zh-TW' });
    assert.equal(zhTW.mail?.subject, '验证码', 'the language when the exact tag has no entry');
    const other = await sendAndRead(h, { to: 'c@example.com', purpose: 'signup' });
    assert.equal(other.mail?.subject, 'Your code');
    assert.equal(other.mail?.htmlBody, undefined);
  });

  it('refuses a malformed locale with 400', async () => {
    const h = await startHarness({ emulatorConfig: EMULATOR, templates: TEMPLATES });
    closers.push(() => h.service.close());
    const res = await h.post('/v1/verifications', { to: '13800138000', locale: 'en_US<script>' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'invalid_body');
  });

  it('names every missing template at start-up', async () => {
    const problems = async (input: Parameters<typeof parseServeConfig>[0]) => {
      try {
        const s = await startService(
          parseServeConfig({
            server: { port: 0, apiKeys: ['k'.repeat(16)] },
            otp: { secret: OTP_SECRET },
            sms: { endpoint: '127.0.0.1:9' },
            ...(input as object),
          }),
        );
        await s.close();
        return [];
      } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        return error.problems;
      }
    };
    assert.deepEqual(await problems({ templates: { sms: { login: { templateCode: 'SMS_1' } } } }), [
      'templates.sms.login: no signName (set it there, in templates.sms.default or sms.signName)',
    ]);
    assert.deepEqual(
      await problems({ templates: { intl: { login: { from: 'Acme' }, default: { text: 'Code: ${minutes}' } } } }),
      ['templates.intl.login: must contain ${code}', 'templates.intl.default: must contain ${code}'],
    );
    assert.deepEqual(
      await problems({
        templates: { intl: { default: { text: 'Code ${code}' }, login: { countries: { us: { text: 'No code' } } } } },
      }),
      ['templates.intl.login.countries.us: must contain ${code}'],
    );
    assert.deepEqual(await problems({ templates: { intl: { login: { from: 'Acme' } } } }), [
      'templates.intl.login: no text (set it there or in templates.intl.default)',
    ]);
    const email = await problems({
      templates: { email: { login: { text: 'no code here', html: '<b>${code}</b> ${name}' } } },
    });
    assert.deepEqual(email, [
      'templates.email.login.text: must contain ${code}',
      'templates.email.login.html: unknown variable ${name} (use ${code}, ${minutes}, ${purpose})',
    ]);
  });
});
