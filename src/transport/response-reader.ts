/** Status line and headers of one HTTP/1.1 answer. */
export interface ParsedHead {
  status: number;
  /** Lower-case names; repeated headers joined with `, ` (`set-cookie` kept as a list), as node does. */
  headers: Record<string, string | string[]>;
  /** Whether the connection may carry another request after this answer. */
  keepAlive: boolean;
}

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const CRLF = Buffer.from('\r\n', 'latin1');
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})/;
/** An answer head larger than this is refused rather than buffered without end. */
const MAX_HEAD_BYTES = 64 * 1024;

/**
 * Reads HTTP/1.1 answers from a socket's chunks: `Content-Length`, `chunked`, or delimited by the
 * end of the connection. Nearly every Aliyun answer arrives in one chunk, which is read without
 * copying into a buffer of its own.
 */
export class ResponseReader {
  private pending: Buffer | undefined = undefined;
  private head: ParsedHead | undefined = undefined;
  /** Body framing of the current answer once its head is read. */
  private mode: 'length' | 'chunked' | 'close' = 'length';
  private length = 0;
  private parts: Buffer[] = [];
  private body = '';
  private leftover = false;
  /** Body bytes kept in `parts` so far (length framing). */
  private received = 0;

  /** Adds a chunk; returns the head once the whole answer is in. Throws on a malformed answer. */
  push(chunk: Buffer): ParsedHead | undefined {
    let buf = this.pending === undefined ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = undefined;
    for (;;) {
      if (this.head === undefined) {
        const end = buf.indexOf(HEAD_END);
        if (end < 0) {
          if (buf.length > MAX_HEAD_BYTES) throw new Error('Answer head too large');
          this.pending = buf;
          return undefined;
        }
        const head = parseHead(buf.toString('latin1', 0, end));
        buf = buf.subarray(end + 4);
        // 1xx answers (100 Continue, 103 Early Hints) precede the real one.
        if (head.status >= 100 && head.status < 200) continue;
        this.head = head;
        this.leftover = false;
        const framing = framingOf(head);
        this.mode = framing.mode;
        this.length = framing.length;
      }
      return this.readBody(buf);
    }
  }

  /** The connection ended: an answer delimited by its end is complete; anything else is not. */
  end(): ParsedHead | undefined {
    if (this.head === undefined || this.mode !== 'close') return undefined;
    if (this.pending) this.parts.push(this.pending);
    this.pending = undefined;
    this.body = Buffer.concat(this.parts).toString('utf8');
    return this.done();
  }

  /** The body of the answer last returned, as UTF-8 text. */
  takeBody(): string {
    const body = this.body;
    this.body = '';
    return body;
  }

  /** Whether bytes followed the answer (the connection is then not reused). */
  hasLeftover(): boolean {
    return this.leftover;
  }

  private readBody(buf: Buffer): ParsedHead | undefined {
    if (this.mode === 'length') {
      // The usual answer is whole in its first chunk: decode it in place.
      if (this.parts.length === 0 && buf.length >= this.length) {
        this.body = buf.toString('utf8', 0, this.length);
        this.leftover = buf.length > this.length;
        return this.done();
      }
      // A long body arrives over many chunks: keep them and join once, not on every chunk.
      if (buf.length > 0) this.parts.push(buf);
      this.received += buf.length;
      if (this.received < this.length) return undefined;
      const all = Buffer.concat(this.parts, this.received);
      this.body = all.toString('utf8', 0, this.length);
      this.leftover = this.received > this.length;
      return this.done();
    }
    if (this.mode === 'close') {
      if (buf.length > 0) this.parts.push(buf);
      return undefined;
    }
    return this.readChunks(buf);
  }

  private readChunks(buf: Buffer): ParsedHead | undefined {
    let pos = 0;
    for (;;) {
      const lineEnd = buf.indexOf(CRLF, pos);
      if (lineEnd < 0) break;
      const sizeText = buf.toString('latin1', pos, lineEnd).split(';')[0]?.trim() ?? '';
      if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new Error('Malformed chunked answer');
      const size = Number.parseInt(sizeText, 16);
      if (size === 0) {
        // The last chunk: optional trailer lines, then an empty line.
        const end = buf.indexOf(HEAD_END, lineEnd);
        if (end < 0) break;
        const after = end + 4;
        this.body = Buffer.concat(this.parts).toString('utf8');
        this.leftover = buf.length > after;
        return this.done();
      }
      const dataEnd = lineEnd + 2 + size;
      if (buf.length < dataEnd + 2) break;
      this.parts.push(buf.subarray(lineEnd + 2, dataEnd));
      pos = dataEnd + 2;
    }
    this.pending = buf.subarray(pos);
    return undefined;
  }

  private done(): ParsedHead {
    const head = this.head as ParsedHead;
    this.head = undefined;
    this.parts = [];
    this.received = 0;
    return head;
  }
}

function parseHead(text: string): ParsedHead {
  const lines = text.split('\r\n');
  const match = STATUS_LINE.exec(lines[0] ?? '');
  if (!match) throw new Error('Malformed answer status line');
  const headers: Record<string, string | string[]> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const prior = headers[name];
    if (prior === undefined) headers[name] = name === 'set-cookie' ? [value] : value;
    else if (Array.isArray(prior)) prior.push(value);
    else headers[name] = `${prior}, ${value}`;
  }
  const connection = String(headers.connection ?? '').toLowerCase();
  const keepAlive = match[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive');
  return { status: Number(match[2]), headers, keepAlive };
}

function framingOf(head: ParsedHead): { mode: 'length' | 'chunked' | 'close'; length: number } {
  if (head.status === 204 || head.status === 304) return { mode: 'length', length: 0 };
  const encoding = head.headers['transfer-encoding'];
  if (typeof encoding === 'string' && encoding.toLowerCase().includes('chunked')) return { mode: 'chunked', length: 0 };
  const length = head.headers['content-length'];
  if (typeof length === 'string') {
    if (!/^\d+$/.test(length)) throw new Error('Malformed Content-Length');
    return { mode: 'length', length: Number(length) };
  }
  return { mode: 'close', length: 0 };
}
