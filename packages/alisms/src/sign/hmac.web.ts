// The Web build's hmac.ts (chosen by scripts/build.mjs): the same functions over the pure-JS hashes
// in sha.ts, so signing stays synchronous and gives the same bytes as node:crypto.
import { sha1, sha256, toBase64, toHex } from './sha.js';

/** Digest algorithms the signers use; both have a 64-byte block. */
export type HmacAlgorithm = 'sha1' | 'sha256';

const BLOCK = 64;
const encoder = new TextEncoder();

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

/** HMAC (RFC 2104) of a UTF-8 message with a UTF-8 key, as hex or base64. */
export function hmac(algorithm: HmacAlgorithm, key: string, message: string, encoding: 'hex' | 'base64'): string {
  const hash = algorithm === 'sha1' ? sha1 : sha256;
  let k: Uint8Array = encoder.encode(key);
  if (k.length > BLOCK) k = hash(k);
  const msg = encoder.encode(message);
  const inner = new Uint8Array(BLOCK + msg.length);
  const outer = new Uint8Array(BLOCK + (algorithm === 'sha1' ? 20 : 32));
  for (let i = 0; i < BLOCK; i++) {
    const b = i < k.length ? (k[i] as number) : 0;
    inner[i] = b ^ 0x36;
    outer[i] = b ^ 0x5c;
  }
  inner.set(msg, BLOCK);
  outer.set(hash(inner), BLOCK);
  const mac = hash(outer);
  return encoding === 'hex' ? toHex(mac) : toBase64(mac);
}

/** Lowercase hex sha256 of UTF-8 text or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return toHex(sha256(bytesOf(data)));
}
