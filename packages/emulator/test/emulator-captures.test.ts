import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { useEmulator } from '../../../test/helpers/emulator.js';
import { readSpecLines } from '../../../test/helpers/spec.js';
import { parseAliyunRequest } from '../src/wire/request.js';

interface Capture {
  seq: number;
  at: string;
  client: string;
  action: string;
  method: string;
  rawQuery: string;
  query: Record<string, string>;
  form: Record<string, string> | null;
  rawHeaders: Array<[string, string]>;
  body: string;
}

const captures = readSpecLines<Capture>('official-client-captures.jsonl');

// What the capture account had: the signs and templates the captured requests name. The secret of
// `testid` in the captures is the emulator's default, `testsecret`.
const CONFIG = {
  signs: [
    { name: '阿里云', type: 'general' as const },
    { name: '阿里 云*', type: 'general' as const },
    { name: 'Alicloud', type: 'general' as const },
  ],
  templates: [{ code: 'SMS_123', type: 'notification' as const, content: '您有一条新通知' }],
  flowControl: { enabled: false },
  mail: {
    templates: [{ name: 'tpl', subject: 'Hello', textBody: 'Hi' }],
    receivers: [{ name: 'list', addresses: ['list-member@example.com'] }],
  },
};

/** Sends the captured bytes as they were on the wire (headers in order, chunked bodies re-chunked). */
function replay(url: string, capture: Capture): Promise<{ status: number; body: string }> {
  const { port } = new URL(url);
  const chunked = capture.rawHeaders.some(([n, v]) => n.toLowerCase() === 'transfer-encoding' && v === 'chunked');
  const head = capture.rawHeaders
    .filter(([name]) => name.toLowerCase() !== 'connection')
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const target = capture.rawQuery ? `/?${capture.rawQuery}` : '/';
  const bytes = Buffer.from(capture.body, 'utf8');
  const payload = chunked
    ? Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n0\r\n\r\n')])
    : bytes;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [statusLine = '', ...rest] = text.split('\r\n');
      resolve({
        status: Number(statusLine.split(' ')[1]),
        body: rest.join('\r\n').split('\r\n\r\n').slice(1).join(''),
      });
    });
    socket.write(`${capture.method} ${target} HTTP/1.1\r\n${head}Connection: close\r\n\r\n`);
    socket.end(payload);
  });
}

describe('official client captures', () => {
  const clock = new ManualClock();
  const running = useEmulator({ config: CONFIG, clock, delivery: false });

  it('has all 25 captures', () => assert.equal(captures.length, 25));

  for (const capture of captures) {
    it(`#${capture.seq} ${capture.client}: parsed params equal the captured ones`, () => {
      const headers = Object.fromEntries(capture.rawHeaders.map(([n, v]) => [n.toLowerCase(), v]));
      const request = parseAliyunRequest(capture.method, headers, capture.rawQuery, Buffer.from(capture.body));
      assert.deepEqual(request.params, { ...capture.query, ...(capture.form ?? {}) });
      assert.equal(request.action, capture.action);
      assert.equal(request.scheme, headers.authorization ? 'v3' : 'rpc');
    });

    it(`#${capture.seq} ${capture.client}: verifies and succeeds at the capture time`, async () => {
      clock.set(Date.parse(capture.at));
      const { status, body } = await replay(running.url, capture);
      const json = JSON.parse(body);
      assert.equal(status, 200, body);
      assert.match(json.RequestId, /^[0-9A-F-]{36}$/);
      if (capture.action === 'QueryMessage') assert.equal(json.ResponseCode, 'DATA_NOT_EXIST');
      else if ('ResponseCode' in json) assert.equal(json.ResponseCode, 'OK', body);
      else if ('Code' in json) assert.equal(json.Code, 'OK', body);
      else assert.match(json.EnvId, /^\d+$/);
    });
  }

  it('a replayed capture is refused as a nonce replay', async () => {
    const capture = captures[0] as Capture;
    clock.set(Date.parse(capture.at));
    const { status, body } = await replay(running.url, capture);
    assert.equal(status, 400);
    assert.equal(JSON.parse(body).Code, 'SignatureNonceUsed');
  });

  it('a capture replayed 16 minutes later is expired', async () => {
    const capture = captures[1] as Capture;
    clock.set(Date.parse(capture.at) + 16 * 60_000);
    const { status, body } = await replay(running.url, capture);
    assert.equal(status, 400);
    assert.equal(JSON.parse(body).Code, 'InvalidTimeStamp.Expired');
  });

  it('the special characters reached the store intact', () => {
    const stored = running.emulator.store.list({ to: '13800138000', limit: 1000 });
    assert.ok(stored.some((m) => m.params?.name === "A b*c~d!e(f)g'h+i&j=k%l 😀 中文" && m.signName === '阿里 云*'));
  });
});
