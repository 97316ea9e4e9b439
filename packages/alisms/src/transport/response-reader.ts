import { InvalidResponseError } from './errors/invalid-response-error.js';

/** Status line and headers of one HTTP/1.1 answer. */
export interface ParsedHead {
  status: number;
  /** Lower-case names; repeated headers joined with `, ` (`set-cookie` kept as a list), as node does. */
  headers: Record<string, string | string[]>;
  /** Whether the connection may carry another request after this answer. */
  keepAlive: boolean;
  /** Minor HTTP version: 1 for HTTP/1.1, 0 for HTTP/1.0. */
  version: 0 | 1;
}

/**
 * Largest answer body read, in bytes: Aliyun answers are a few KB (a page of send details is tens
 * of KB), so anything near this is not an Aliyun answer and is refused rather than buffered.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const CR = 13;
const LF = 10;
/** `HTTP/1.x NNN` then a space (reason phrase) or nothing. */
const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: |$)/;
/** An answer head (or a chunk-size line, or the trailers) larger than this is refused rather than buffered without end. */
const MAX_HEAD_BYTES = 64 * 1024;
/** At most 8 hex digits: a chunk size that does not fit is refused before any arithmetic. */
const CHUNK_SIZE = /^[0-9a-fA-F]{1,8}$/;

type ChunkState = 'size' | 'data' | 'data-end' | 'trailer';

/**
 * Reads HTTP/1.1 answers from a socket's chunks: `Content-Length`, `chunked`, or delimited by the
 * end of the connection. Nearly every Aliyun answer arrives in one chunk, which is read without
 * copying into a buffer of its own. A malformed or oversized answer throws `InvalidResponseError`.
 */
export class ResponseReader {
  private pending: Buffer | undefined = undefined;
  private head: ParsedHead | undefined = undefined;
  /** Body framing of the current answer once its head is read. */
  private mode: 'length' | 'chunked' | 'close' = 'length';
  /** Length framing: the body length. Chunked: bytes left in the current chunk. */
  private length = 0;
  private chunkState: ChunkState = 'size';
  /** Bytes of chunk-size and trailer lines seen in this answer (bounded like a head). */
  private lineBytes = 0;
  private parts: Buffer[] = [];
  private body = '';
  private leftover = false;
  /** Body bytes kept in `parts` so far. */
  private received = 0;

  /** @param maxBodyBytes largest body accepted; see {@link DEFAULT_MAX_RESPONSE_BYTES}. */
  constructor(private readonly maxBodyBytes: number = DEFAULT_MAX_RESPONSE_BYTES) {}

  /** Adds a chunk; returns the head once the whole answer is in. Throws on a malformed answer. */
  push(chunk: Buffer): ParsedHead | undefined {
    let buf = this.pending === undefined ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = undefined;
    for (;;) {
      if (this.head === undefined) {
        const end = buf.indexOf(HEAD_END);
        if (end < 0) {
          if (buf.length > MAX_HEAD_BYTES) throw invalid(0, `Answer head larger than ${MAX_HEAD_BYTES} bytes`);
          this.pending = buf;
          return undefined;
        }
        if (end > MAX_HEAD_BYTES) throw invalid(0, `Answer head larger than ${MAX_HEAD_BYTES} bytes`);
        const head = parseHead(buf.toString('latin1', 0, end));
        buf = buf.subarray(end + 4);
        // 1xx answers (100 Continue, 103 Early Hints) precede the real one.
        if (head.status < 200) continue;
        this.head = head;
        this.leftover = false;
        this.startBody(head);
      }
      return this.readBody(buf);
    }
  }

  /** The connection ended: an answer delimited by its end is complete; anything else is not. */
  end(): ParsedHead | undefined {
    if (this.head === undefined || this.mode !== 'close') return undefined;
    this.body = Buffer.concat(this.parts, this.received).toString('utf8');
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

  private startBody(head: ParsedHead): void {
    const framing = framingOf(head);
    this.mode = framing.mode;
    this.length = framing.length;
    this.chunkState = 'size';
    this.lineBytes = 0;
    if (framing.length > this.maxBodyBytes) throw this.tooLarge(framing.length);
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
      this.received += buf.length;
      if (this.received > this.maxBodyBytes) throw this.tooLarge(this.received);
      if (buf.length > 0) this.parts.push(buf);
      return undefined;
    }
    return this.readChunks(buf);
  }

  /**
   * Chunked framing as a small state machine: only size and trailer lines that are cut in two wait in
   * `pending`; chunk data is kept as it comes, so a large chunk over many reads is never re-copied.
   */
  private readChunks(buf: Buffer): ParsedHead | undefined {
    let pos = 0;
    for (;;) {
      if (this.chunkState === 'data') {
        const n = Math.min(this.length, buf.length - pos);
        if (n > 0) this.parts.push(buf.subarray(pos, pos + n));
        this.received += n;
        this.length -= n;
        pos += n;
        if (this.length > 0) return undefined;
        this.chunkState = 'data-end';
      }
      if (this.chunkState === 'data-end') {
        if (buf.length - pos < 2) break;
        if (buf[pos] !== CR || buf[pos + 1] !== LF) throw invalid(this.status(), 'Chunk data not followed by CRLF');
        pos += 2;
        this.chunkState = 'size';
      }
      const lineEnd = buf.indexOf('\r\n', pos, 'latin1');
      if (lineEnd < 0) {
        if (this.lineBytes + buf.length - pos > MAX_HEAD_BYTES)
          throw invalid(this.status(), 'Chunk-size or trailer lines too long');
        break;
      }
      this.lineBytes += lineEnd + 2 - pos;
      if (this.lineBytes > MAX_HEAD_BYTES) throw invalid(this.status(), 'Chunk-size or trailer lines too long');
      if (this.chunkState === 'trailer') {
        if (lineEnd === pos) {
          // The empty line after the trailers ends the answer.
          this.body = Buffer.concat(this.parts, this.received).toString('utf8');
          this.leftover = buf.length > pos + 2;
          return this.done();
        }
        pos = lineEnd + 2;
        continue;
      }
      // A chunk-size line: hex size, optional `;name=value` extensions (ignored).
      const line = buf.toString('latin1', pos, lineEnd);
      const semicolon = line.indexOf(';');
      const sizeText = (semicolon < 0 ? line : line.slice(0, semicolon)).trim();
      if (!CHUNK_SIZE.test(sizeText)) throw invalid(this.status(), 'Malformed chunk size in a chunked answer');
      const size = Number.parseInt(sizeText, 16);
      pos = lineEnd + 2;
      if (size === 0) {
        this.chunkState = 'trailer';
        continue;
      }
      if (this.received + size > this.maxBodyBytes) throw this.tooLarge(this.received + size);
      this.length = size;
      this.chunkState = 'data';
    }
    this.pending = pos < buf.length ? buf.subarray(pos) : undefined;
    return undefined;
  }

  private status(): number {
    return this.head?.status ?? 0;
  }

  private tooLarge(bytes: number): InvalidResponseError {
    return invalid(
      this.status(),
      `Answer body of at least ${bytes} bytes is over the ${this.maxBodyBytes}-byte limit (maxResponseBytes)`,
    );
  }

  private done(): ParsedHead {
    const head = this.head as ParsedHead;
    this.head = undefined;
    this.parts = [];
    this.received = 0;
    return head;
  }
}

/** The answer broke HTTP/1.1 framing: not retried (a send may have gone out), described without its bytes. */
function invalid(status: number, reason: string): InvalidResponseError {
  return new InvalidResponseError(status, reason, false);
}

function parseHead(text: string): ParsedHead {
  const lines = text.split('\r\n');
  const statusLine = lines[0] ?? '';
  const match = STATUS_LINE.exec(statusLine);
  if (!match) throw invalid(0, `Malformed status line ${JSON.stringify(statusLine.slice(0, 20))}`);
  const headers: Record<string, string | string[]> = {};
  let last: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      // obs-fold (RFC 9112 §5.2): a continuation line; a client replaces the fold with a space.
      if (last === undefined) throw invalid(Number(match[2]), 'Header continuation line before any header');
      const prior = headers[last] as string | string[];
      const more = line.trim();
      if (Array.isArray(prior)) prior[prior.length - 1] = `${prior[prior.length - 1]} ${more}`;
      else headers[last] = prior === '' ? more : `${prior} ${more}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw invalid(Number(match[2]), 'Malformed header line');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const prior = headers[name];
    if (prior === undefined) headers[name] = name === 'set-cookie' ? [value] : value;
    else if (Array.isArray(prior)) prior.push(value);
    else headers[name] = `${prior}, ${value}`;
    last = name;
  }
  const connection = String(headers.connection ?? '').toLowerCase();
  const keepAlive = match[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive');
  return { status: Number(match[2]), headers, keepAlive, version: match[1] === '1' ? 1 : 0 };
}

function framingOf(head: ParsedHead): { mode: 'length' | 'chunked' | 'close'; length: number } {
  if (head.status === 204 || head.status === 304) return { mode: 'length', length: 0 };
  const encoding = head.headers['transfer-encoding'];
  const length = head.headers['content-length'];
  if (typeof encoding === 'string') {
    // Both framings at once smells of response splitting, and an HTTP/1.0 answer cannot use
    // Transfer-Encoding (RFC 9112 §6.1, §6.3): read it by Transfer-Encoding, then close the connection.
    if (length !== undefined || head.version === 0) head.keepAlive = false;
    // Chunked only when it is the last coding; any other is read to the end of the connection.
    if (/(?:^|,)\s*chunked\s*$/i.test(encoding)) return { mode: 'chunked', length: 0 };
    head.keepAlive = false;
    return { mode: 'close', length: 0 };
  }
  if (typeof length === 'string') return { mode: 'length', length: contentLength(length, head.status) };
  return { mode: 'close', length: 0 };
}

/** One length, or the same length repeated (`10, 10`, from duplicated headers); anything else is refused. */
function contentLength(value: string, status: number): number {
  if (/^\d{1,15}$/.test(value)) return Number(value);
  const values = value.split(',').map((v) => v.trim());
  const first = values[0] as string;
  if (!/^\d{1,15}$/.test(first) || values.some((v) => v !== first))
    throw invalid(status, 'Malformed or conflicting Content-Length');
  return Number(first);
}
