// `GET /` on the service: where a person who opens its address finds the API, the OpenAPI document and
// (with --emulator) the inbox — while Aliyun calls to `/` on the same port still reach the emulator.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { type RunningService, startService } from '../src/compose.js';
import { parseServeConfig } from '../src/index.js';

const quiet = new Writable({ write: (_c, _e, done) => done() });
const running: RunningService[] = [];
after(async () => {
  for (const service of running) await service.close();
});

async function start(emulator: boolean): Promise<RunningService> {
  const config = parseServeConfig({
    server: { port: 0, ...(emulator ? {} : { apiKeys: ['k'.repeat(32)] }) },
    otp: { secret: 's'.repeat(40) },
    emulator,
  });
  const service = await startService(config, { logDestination: quiet });
  running.push(service);
  return service;
}

describe('GET / on the service', () => {
  it('answers JSON linking the API, OpenAPI, probes and the inbox; a page for a browser', async () => {
    const service = await start(true);
    const res = await fetch(`${service.url}/`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { service: string; endpoints: Record<string, string> };
    assert.equal(body.service, 'alisms');
    assert.equal(body.endpoints.send, 'POST /v1/verifications');
    assert.equal(body.endpoints.openapi, '/openapi.json');
    assert.equal(body.endpoints.inbox, '/_emulator/');
    const page = await fetch(`${service.url}/`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const html = await page.text();
    assert.match(html, /<a href="\/openapi\.json">/);
    assert.match(html, /<a href="\/_emulator\/">/);
    // An Aliyun RPC call to `/` (it always carries a query or a body) still reaches the emulator.
    const rpc = await fetch(`${service.url}/?Action=SendSms`);
    assert.equal(((await rpc.json()) as { Code?: string }).Code !== undefined, true);
  });

  it('links no inbox without the emulator, and needs no API key', async () => {
    const service = await start(false);
    const res = await fetch(`${service.url}/`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { endpoints: Record<string, string> };
    assert.equal(body.endpoints.inbox, undefined);
    assert.equal(body.endpoints.check, 'POST /v1/verifications/check');
  });
});
