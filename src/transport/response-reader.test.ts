import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type ParsedHead, ResponseReader } from './response-reader.js';

const BODY = '{"Code":"OK","Message":"短信发送成功","RequestId":"R-1"}';
const LENGTH_ANSWER = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\nX-Acs-Request-Id: R-1\r\n\r\n${BODY}`;
const CHUNKED_ANSWER = `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n{"Cod\r\n${Buffer.byteLength(BODY.slice(5)).toString(16)}\r\n${BODY.slice(5)}\r\n0\r\nX-Trailer: t\r\n\r\n`;

/** Feeds `bytes` cut at `cuts`; returns what the reader completed with and the body. */
function feed(reader: ResponseReader, bytes: Buffer, cuts: number[] = []): { head: ParsedHead; body: string }[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const done: { head: ParsedHead; body: string }[] = [];
  let start = 0;
  for (const end of [...points, bytes.length]) {
    if (end <= start) continue;
    const head = reader.push(bytes.subarray(start, end));
    if (head) done.push({ head, body: reader.takeBody() });
    start = end;
  }
  return done;
}

describe('ResponseReader', () => {
  it('reads a Content-Length answer in one chunk: status, lower-case headers, UTF-8 body', () => {
    const [answer] = feed(new ResponseReader(), Buffer.from(LENGTH_ANSWER));
    assert.ok(answer);
    assert.equal(answer.head.status, 200);
    assert.equal(answer.head.headers['x-acs-request-id'], 'R-1');
    assert.equal(answer.head.keepAlive, true);
    assert.equal(answer.body, BODY);
  });

  it('gives the same answer however the bytes are split (length and chunked framing)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(LENGTH_ANSWER, CHUNKED_ANSWER),
        fc.array(fc.nat(), { maxLength: 12 }),
        (text, cuts) => {
          const done = feed(new ResponseReader(), Buffer.from(text), cuts);
          assert.equal(done.length, 1);
          assert.equal(done[0]?.body, BODY);
          assert.equal(done[0]?.head.status, 200);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads answers one after the other on a reused connection', () => {
    const again = new ResponseReader();
    for (const text of [LENGTH_ANSWER, CHUNKED_ANSWER, LENGTH_ANSWER]) {
      const [answer] = feed(again, Buffer.from(text));
      assert.equal(answer?.body, BODY);
      assert.equal(again.hasLeftover(), false);
    }
  });

  it('skips a 100 Continue before the answer', () => {
    const [answer] = feed(new ResponseReader(), Buffer.from(`HTTP/1.1 100 Continue\r\n\r\n${LENGTH_ANSWER}`));
    assert.equal(answer?.head.status, 200);
    assert.equal(answer?.body, BODY);
  });

  it('an answer without length or chunking ends with the connection and is not reused', () => {
    const reader = new ResponseReader();
    assert.deepEqual(feed(reader, Buffer.from(`HTTP/1.1 503 Busy\r\nConnection: close\r\n\r\n${BODY}`), [30]), []);
    const head = reader.end();
    assert.equal(head?.status, 503);
    assert.equal(head?.keepAlive, false);
    assert.equal(reader.takeBody(), BODY);
  });

  it('an answer cut short is not complete at the end of the connection', () => {
    const reader = new ResponseReader();
    assert.deepEqual(feed(reader, Buffer.from(LENGTH_ANSWER.slice(0, -5))), []);
    assert.equal(reader.end(), undefined);
  });

  it('keep-alive follows the version and Connection header; 204 has no body; bytes after an answer are noticed', () => {
    const read = (text: string) => {
      const reader = new ResponseReader();
      const [answer] = feed(reader, Buffer.from(text));
      return { answer, leftover: reader.hasLeftover() };
    };
    assert.equal(
      read('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n').answer?.head.keepAlive,
      false,
    );
    assert.equal(read('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n').answer?.head.keepAlive, false);
    assert.equal(
      read('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n').answer?.head.keepAlive,
      true,
    );
    assert.equal(read('HTTP/1.1 204 No Content\r\n\r\n').answer?.body, '');
    assert.equal(read('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA').leftover, true);
  });

  it('joins repeated headers as node does', () => {
    const [answer] = feed(
      new ResponseReader(),
      Buffer.from(
        'HTTP/1.1 200 OK\r\nVia: a\r\nVia: b\r\nSet-Cookie: x=1\r\nSet-Cookie: y=2\r\nContent-Length: 0\r\n\r\n',
      ),
    );
    assert.equal(answer?.head.headers.via, 'a, b');
    assert.deepEqual(answer?.head.headers['set-cookie'], ['x=1', 'y=2']);
  });

  it('refuses a malformed status line, length or chunk size', () => {
    assert.throws(() => new ResponseReader().push(Buffer.from('HTTX 200\r\n\r\n')));
    assert.throws(() => new ResponseReader().push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n')));
    assert.throws(() =>
      new ResponseReader().push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')),
    );
  });
});
