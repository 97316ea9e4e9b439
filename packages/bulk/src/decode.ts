import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { BulkInputError } from './input-error.js';

/** Text encodings `--encoding` accepts. GBK/GB18030 is what Excel on Chinese Windows saves CSV as. */
export const INPUT_ENCODINGS = ['utf-8', 'gbk', 'gb18030', 'utf-16le'] as const;
/** The text encodings a recipients file may be read in (`--encoding`). */
export type InputEncoding = (typeof INPUT_ENCODINGS)[number];

const HINT = 'if the file was saved by Excel on Chinese Windows, pass --encoding gbk (or gb18030, utf-16le)';

/** Normalises a user-given encoding name (`utf8`, `GBK`, `UTF-16LE`, ...); throws for others. */
export function parseEncoding(name: string): InputEncoding {
  const n = name.toLowerCase().replace(/^utf(\d)/, 'utf-$1');
  const found = INPUT_ENCODINGS.find((e) => e === n);
  if (!found) throw new BulkInputError(`unknown encoding "${name}": use one of ${INPUT_ENCODINGS.join(', ')}`);
  return found;
}

/** The first bytes of a file, to sniff its kind. */
export async function headOf(path: string, bytes = 4096): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The encoding a BOM announces, if any. */
export function bomEncoding(head: Buffer): InputEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/**
 * Refuses files that are not text in the given encoding: ZIP containers (.xlsx, .docx saved under
 * another name), old binary Excel, images and anything with NUL bytes outside UTF-16.
 */
export function assertTextFile(head: Buffer, encoding: InputEncoding, name: string): void {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304)
    throw new BulkInputError(
      `${name} is a ZIP file (an Excel workbook?): give it the .xlsx extension, or save it as CSV`,
    );
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0)
    throw new BulkInputError(`${name} is an old binary Excel file (.xls): save it as .xlsx or CSV`);
  if (encoding !== 'utf-16le' && head.includes(0))
    throw new BulkInputError(`${name} is a binary file, not CSV or JSON Lines text; ${HINT}`);
}

/**
 * Streams the file and fails on the first line that is not valid UTF-8, naming it: decoding such a
 * file as UTF-8 would send mojibake. Lines are checked a chunk at a time (up to the last newline).
 */
export async function assertUtf8(path: string, headerLines: number): Promise<void> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  const fail = (text: Buffer, firstLine: number): never => {
    let at = 0;
    let n = firstLine;
    for (;;) {
      const end = text.indexOf(10, at);
      const slice = text.subarray(at, end === -1 ? text.length : end);
      if (!isUtf8(slice)) {
        const row = n - headerLines;
        const where = row >= 1 ? `row ${row} (line ${n})` : `the header (line ${n})`;
        throw new BulkInputError(`${where} is not valid UTF-8; ${HINT}`, n);
      }
      if (end === -1) break;
      at = end + 1;
      n += 1;
    }
    throw new BulkInputError(`the file is not valid UTF-8; ${HINT}`);
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = data.lastIndexOf(10);
    if (cut === -1) {
      carry = data;
      continue;
    }
    const whole = data.subarray(0, cut + 1);
    if (!isUtf8(whole)) fail(whole, line);
    for (let at = whole.indexOf(10); at !== -1; at = whole.indexOf(10, at + 1)) line += 1;
    carry = Buffer.from(data.subarray(cut + 1));
  }
  if (carry.length && !isUtf8(carry)) fail(carry, line);
}

/** A stream of the file's text in `encoding` (a BOM of that encoding is dropped). */
export function decodedStream(path: string, encoding: InputEncoding): NodeJS.ReadableStream {
  const decoder = new TextDecoder(encoding);
  return createReadStream(path).pipe(
    new Transform({
      readableObjectMode: false,
      transform(chunk: Buffer, _enc, done) {
        done(null, decoder.decode(chunk, { stream: true }));
      },
      flush(done) {
        done(null, decoder.decode());
      },
    }),
  );
}
