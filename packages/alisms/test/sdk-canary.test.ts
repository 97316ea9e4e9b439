// Canary: plant a fake AccessKey, secret and STS token, make every error path fire (including
// servers that echo them back), and prove they never reach messages, stacks, causes, bodies or inspect().
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inspect } from 'node:util';
import { redact } from '../src/core/redact.js';
import { MailClient } from '../src/mail/mail-client.js';
import { IntlSmsClient } from '../src/sms/intl-sms-client.js';
import { SmsClient } from '../src/sms/sms-client.js';
import type { ClientOptions } from '../src/transport/options.js';
import { type LoopbackServer, type ReceivedRequest, startLoopbackServer } from './sdk-server.js';

const KEY_ID = 'LTAI-canary-key-id-42';
const SECRET = 'CanarySecretValue0123456789abcdef';
const TOKEN = 'CAIS.CanaryStsTokenValue.0123456789';
const PHONE = '13812345678';

/** Everything an error exposes, flattened to one string. */
function exposure(err: unknown): string {
  const parts: string[] = [inspect(err, { depth: Number.POSITIVE_INFINITY, showHidden: true })];
  let current: unknown = err;
  for (let i = 0; current instanceof Error && i < 10; i++) {
    parts.push(current.message, current.stack ?? '', JSON.stringify((current as { body?: unknown }).body ?? null));
    parts.push(String(current), JSON.stringify(current));
    current = current.cause;
  }
  return parts.join('\n');
}

describe('secrets never leak into errors (canary)', () => {
  let server: LoopbackServer;
  const signatures: string[] = [];
  const queries: string[] = [];
  let mode = 'signature';
  const echo = (r: ReceivedRequest) =>
    `url=${r.url} auth=${r.headers.authorization} token=${r.headers['x-acs-security-token']} body=${r.body}`;

  before(async () => {
    server = await startLoopbackServer({ verify: false });
    server.respond((r) => {
      const auth = String(r.headers.authorization ?? '');
      signatures.push(r.params.Signature ?? auth.slice(auth.lastIndexOf('=') + 1));
      if (r.url.length > 40) queries.push(r.url.slice(2));
      switch (mode) {
        case 'signature':
          return {
            status: 400,
            body: {
              Code: 'SignatureDoesNotMatch',
              Message: `Specified signature does not match our calculation. server string to sign is:POST&%2F&${encodeURIComponent(r.url.slice(2))} ${echo(r)}`,
              Recommend: `https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&token=${TOKEN}`,
              RequestId: 'R',
              HostId: 'dysmsapi.aliyuncs.com',
            },
          };
        case 'business':
          return {
            body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: `bad number ${PHONE}; ${echo(r)}`, RequestId: 'R' },
          };
        case 'throttle':
          return { status: 400, body: { Code: 'Throttling.User', Message: echo(r), RequestId: 'R' } };
        case 'html':
          return { status: 502, body: `<html>${echo(r)}</html>` };
        case 'hang':
          return 'hang';
        default:
          return { status: 500, body: { Code: 'InternalError', Message: echo(r) } };
      }
    });
  });
  after(() => server.close());

  for (const signatureVersion of ['v3', 'v1'] as const) {
    it(`every error path, signature ${signatureVersion}`, async () => {
      const options: ClientOptions = {
        accessKeyId: KEY_ID,
        accessKeySecret: SECRET,
        securityToken: TOKEN,
        endpoint: server.url,
        signatureVersion,
        readTimeout: 60,
        retries: 1,
        sleep: async () => {},
      };
      const sms = new SmsClient(options);
      const intl = new IntlSmsClient(options);
      const mail = new MailClient(options);
      const errors: unknown[] = [];
      const send = () =>
        sms.sendSms({ phoneNumbers: PHONE, signName: 'S', templateCode: 'T', templateParam: { code: '1' } });
      try {
        for (const m of ['signature', 'business', 'throttle', 'html', 'hang', 'internal']) {
          mode = m;
          errors.push(await send().catch((e: unknown) => e));
          errors.push(
            await sms.querySendDetails({ phoneNumber: PHONE, sendDate: '20260101' }).catch((e: unknown) => e),
          );
          errors.push(await intl.sendMessageToGlobe({ to: '85212345678', message: 'x' }).catch((e: unknown) => e));
          errors.push(
            await mail
              .singleSendMail({ accountName: 'a@example.com', toAddress: 'b@example.com', subject: 's', textBody: 't' })
              .catch((e: unknown) => e),
          );
        }
        const controller = new AbortController();
        mode = 'hang';
        const aborted = sms.sendSms(
          { phoneNumbers: PHONE, signName: 'S', templateCode: 'T' },
          { signal: controller.signal, readTimeout: 5000 },
        );
        setImmediate(() => setTimeout(() => controller.abort(), 20));
        errors.push(await aborted.catch((e: unknown) => e));
        errors.push(await send().catch((e: unknown) => e));
        errors.push(
          await new SmsClient({ ...options, endpoint: 'http://127.0.0.1:1' })
            .sendSms({ phoneNumbers: PHONE, signName: 'S', templateCode: 'T' })
            .catch((e: unknown) => e),
        );
        errors.push(
          await sms.sendSms({ phoneNumbers: `${PHONE}999`, signName: 'S', templateCode: 'T' }).catch((e: unknown) => e),
        );
      } finally {
        sms.close();
        intl.close();
        mail.close();
      }
      const names = new Set(errors.map((e) => (e as Error).name));
      for (const expected of [
        'AliyunApiError',
        'ThrottlingError',
        'InvalidResponseError',
        'SendOutcomeUnknownError',
        'TimeoutError',
        'TransportError',
        'InvalidArgumentError',
      ])
        assert.ok(names.has(expected), `${expected} fired (got ${[...names].join(', ')})`);
      assert.ok(signatures.length > 10 && queries.length > 5);
      for (const err of errors) {
        assert.ok(err instanceof Error, String(err));
        const text = exposure(err);
        for (const secret of [KEY_ID, SECRET, TOKEN, encodeURIComponent(TOKEN), PHONE, ...signatures])
          assert.ok(
            !text.includes(secret),
            `${(err as Error).name} exposes ${secret.slice(0, 6)}…:\n${text.slice(0, 800)}`,
          );
        for (const q of queries)
          for (const form of [q, redact(q), encodeURIComponent(redact(q))])
            assert.ok(!text.includes(form), `${(err as Error).name} exposes a full query string`);
      }
    });
  }
});
