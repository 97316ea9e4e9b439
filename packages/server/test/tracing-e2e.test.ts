import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type RunningService, startService } from '../src/compose.js';
import { parseServeConfig } from '../src/index.js';

// OpenTelemetry through the HTTP API: an application that installs an SDK (here the in-memory exporter) sees a
// span per send and check, and the Aliyun call as a child of the send; no attribute holds a number or a code.
const PHONE = '13800138000';

describe('OpenTelemetry spans of the service', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager();
  let service: RunningService;
  let code = '';

  before(async () => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(provider);
    const config = parseServeConfig({
      emulator: true,
      server: { port: 0 },
      otp: { secret: 'tracing-test-otp-secret-0123456789abcdef' },
    });
    service = await startService(config, { logDestination: new Writable({ write: (_c, _e, done) => done() }) });
  });

  after(async () => {
    await service?.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const named = (name: string) => exporter.getFinishedSpans().filter((s) => s.name === name);

  it('a send is a span with the SendSms call to Aliyun beneath it', async () => {
    assert.equal((await post('/v1/verifications', { to: PHONE, purpose: 'login' })).status, 201);
    code = (
      (await (await fetch(`${service.url}/_emulator/api/messages/latest?to=${PHONE}`)).json()) as { code: string }
    ).code;
    const [send] = named('alisms.verification.send');
    assert.ok(send, 'a send span');
    assert.equal(send.attributes['alisms.channel'], 'sms');
    assert.equal(send.attributes['alisms.purpose'], 'login');
    assert.equal(send.attributes['alisms.outcome'], 'sent');
    const [call] = named('dysmsapi SendSms');
    assert.ok(call, 'a span for the Aliyun call');
    assert.equal(call.parentSpanContext?.spanId, send.spanContext().spanId);
    assert.equal(call.spanContext().traceId, send.spanContext().traceId);
    assert.equal(call.attributes['rpc.method'], 'SendSms');
    assert.equal(call.attributes['http.response.status_code'], 200);
    assert.match(String(call.attributes['aliyun.request_id']), /\S/);
    // The Aliyun call lies inside the send.
    const ms = (t: [number, number]) => t[0] * 1000 + t[1] / 1e6;
    assert.ok(ms(call.startTime) >= ms(send.startTime) - 1 && ms(call.endTime) <= ms(send.endTime) + 1);
  });

  it('checks are spans with their outcome', async () => {
    await post('/v1/verifications/check', {
      to: PHONE,
      code: code === '000000' ? '000001' : '000000',
      purpose: 'login',
    });
    await post('/v1/verifications/check', { to: PHONE, code, purpose: 'login' });
    assert.deepEqual(
      named('alisms.verification.check').map((s) => s.attributes['alisms.outcome']),
      ['rejected', 'approved'],
    );
  });

  it('no span carries the number, the code or a secret', () => {
    const dump = JSON.stringify(
      exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })),
    );
    assert.ok(!dump.includes(PHONE.slice(3)), 'a number in a span');
    assert.ok(!dump.includes(`"${code}"`), 'a code in a span');
    assert.ok(!dump.includes('testsecret'), 'the AccessKey secret in a span');
  });
});
