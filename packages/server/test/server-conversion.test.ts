// `alisms serve` with otp.reportConversion in --emulator mode: an approved code is reported to the emulator as
// converted (SmsConversionIntl with the send's BizId); without the key nothing is reported.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { pollUntil } from '../../../test/helpers/redis.js';
import { type RunningService, startService } from '../src/compose.js';
import { parseServeConfig, type ServeConfigInput } from '../src/index.js';

const SECRET = 'service-test-otp-secret-0123456789abcdef';
const running: RunningService[] = [];
after(async () => {
  for (const r of running) await r.close();
});

async function start(otp: NonNullable<ServeConfigInput['otp']>) {
  const config = parseServeConfig({ emulator: true, server: { port: 0 }, otp: { secret: SECRET, ...otp } });
  const service = await startService(config, { logDestination: new Writable({ write: (_c, _e, done) => done() }) });
  running.push(service);
  const post = (path: string, body: unknown) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = async (path: string) => (await fetch(`${service.url}${path}`)).json();
  return { service, post, get };
}

describe('alisms serve: otp.reportConversion', () => {
  it('reports an approved code as converted, with the BizId of its SMS', async () => {
    const { post, get, service } = await start({ reportConversion: true });
    assert.equal((await post('/v1/verifications', { to: '13800138201' })).status, 201);
    const message = (await get('/_emulator/api/messages/latest?to=13800138201')) as { code: string; bizId: string };
    assert.equal((await post('/v1/verifications/check', { to: '13800138201', code: message.code })).status, 200);
    await pollUntil(
      async () => ((await get('/_emulator/api/conversions')) as { reported: number }).reported === 1,
      20,
      10_000,
    );
    const seen = (await get('/_emulator/api/conversions')) as { messages: { messageId: string; delivered: boolean }[] };
    assert.deepEqual(
      seen.messages.map((m) => [m.messageId, m.delivered]),
      [[message.bizId, true]],
    );
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    assert.match(metrics, /alisms_conversion_reports_total\{outcome="ok"\} 1/);
  });

  it('is off by default: an approved code is not reported', async () => {
    const { post, get } = await start({});
    await post('/v1/verifications', { to: '13800138202' });
    const message = (await get('/_emulator/api/messages/latest?to=13800138202')) as { code: string };
    assert.equal((await post('/v1/verifications/check', { to: '13800138202', code: message.code })).status, 200);
    // A later approved check with reporting on would be seen by now; one more round trip lets any report land.
    await get('/_emulator/api/messages/latest?to=13800138202');
    assert.equal(((await get('/_emulator/api/conversions')) as { reported: number }).reported, 0);
  });
});
