import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isInvalidResponseError } from './errors/invalid-response-error.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type ParsedHead, ResponseReader } from './response-reader.js';

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

  it('reads chunked answers with extensions and trailers cut at every single byte boundary, and byte by byte', () => {
    const texts = [
      CHUNKED_ANSWER,
      `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3 ; a=1;b="x;y"\r\n{"C\r\n${Buffer.byteLength(BODY.slice(3)).toString(16).toUpperCase()};z\r\n${BODY.slice(3)}\r\n0;end=1\r\nX-A: 1\r\nX-B: 2\r\n\r\n`,
    ];
    for (const text of texts) {
      const bytes = Buffer.from(`HTTP/1.1 100 Continue\r\n\r\n${text}`);
      for (let cut = 1; cut < bytes.length; cut++) {
        const done = feed(new ResponseReader(), bytes, [cut]);
        assert.equal(done.length, 1, `cut at ${cut}`);
        assert.equal(done[0]?.body, BODY, `cut at ${cut}`);
      }
      const reader = new ResponseReader();
      const done = feed(reader, bytes, [...bytes.keys()]);
      assert.equal(done[0]?.body, BODY);
      assert.equal(reader.hasLeftover(), false);
    }
  });

  it('unfolds obsolete folded header lines with a space and joins duplicated headers', () => {
    const [answer] = feed(
      new ResponseReader(),
      Buffer.from(
        'HTTP/1.1 200 OK\r\nX-Long: first\r\n  second\r\n\tthird\r\nSet-Cookie: a=1;\r\n Path=/\r\nX-Dup: 1\r\nx-dup: 2\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}',
      ),
    );
    assert.equal(answer?.head.headers['x-long'], 'first second third');
    assert.deepEqual(answer?.head.headers['set-cookie'], ['a=1; Path=/']);
    assert.equal(answer?.head.headers['x-dup'], '1, 2');
    assert.equal(answer?.body, '{}', 'a repeated identical Content-Length is one length');
  });

  it('refuses answers that break the framing with InvalidResponseError', () => {
    const bad = [
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\n continued first\r\nContent-Length: 0\r\n\r\n',
      'HTTP/1.1 200 OK\r\nno colon here\r\nContent-Length: 0\r\n\r\n',
      'HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n',
      'HTTP/2 200\r\nContent-Length: 0\r\n\r\n',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n123456789\r\n',
    ];
    for (const text of bad)
      assert.throws(() => feed(new ResponseReader(), Buffer.from(text)), isInvalidResponseError, JSON.stringify(text));
  });

  it(`refuses a body over the limit (${DEFAULT_MAX_RESPONSE_BYTES} bytes by default) in every framing`, () => {
    const over = DEFAULT_MAX_RESPONSE_BYTES + 1;
    const tooLarge = (e: unknown) => isInvalidResponseError(e) && /maxResponseBytes/.test(e.message);
    // Announced by Content-Length: refused from the head, before any body byte is kept.
    assert.throws(
      () => new ResponseReader().push(Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${over}\r\n\r\n`)),
      tooLarge,
    );
    assert.throws(
      () =>
        new ResponseReader().push(
          Buffer.from(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${over.toString(16)}\r\n`),
        ),
      tooLarge,
    );
    // Chunks each under the limit, together over it; then an answer read to the end of the connection.
    const small = new ResponseReader(10);
    small.push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n123456\r\n'));
    assert.throws(() => small.push(Buffer.from('5\r\n')), tooLarge);
    const close = new ResponseReader(10);
    close.push(Buffer.from('HTTP/1.1 200 OK\r\n\r\n123456'));
    assert.throws(() => close.push(Buffer.from('78901')), tooLarge);
    const exact = new ResponseReader(10);
    assert.equal(
      feed(exact, Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789'))[0]?.body,
      '0123456789',
    );
  });

  it('Transfer-Encoding wins over Content-Length but the connection is then not reused; a non-chunked coding reads to the end', () => {
    const [both] = feed(
      new ResponseReader(),
      Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n'),
    );
    assert.equal(both?.body, '{}');
    assert.equal(both?.head.keepAlive, false);
    const [old] = feed(
      new ResponseReader(),
      Buffer.from(
        'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
      ),
    );
    assert.equal(old?.body, '{}');
    assert.equal(old?.head.keepAlive, false);
    const gzip = new ResponseReader();
    assert.equal(gzip.push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nraw')), undefined);
    const head = gzip.end();
    assert.equal(head?.keepAlive, false);
    assert.equal(gzip.takeBody(), 'raw');
  });
});
