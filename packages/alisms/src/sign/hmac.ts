import { nodeBuiltin } from '../core/node-builtin.js';

/**
 * Digest algorithms of `hmac()`: the signers use `sha1` (RPC v1) and `sha256` (V3); `sha512` and
 * `md5` are there for the facade's `hmac64`, which takes what the Python package's `hmacb64` takes.
 */
export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512' | 'md5';
/** The algorithms of the fast path: the signers' own, both with a 64-byte block. */
type FastAlgorithm = 'sha1' | 'sha256';

type OneShotHash = (
  algorithm: string,
  data: string | Uint8Array,
  outputEncoding: 'hex' | 'base64' | 'latin1',
) => string;

// node:crypto is loaded at the first signature, not at import (about 2.4 ms of `import 'alisms'`).
// crypto.hash (Node >= 20.12) hashes without creating a Hash object; older Node 20 falls back to
// createHash/createHmac.
let crypto: typeof import('node:crypto') | undefined;
let oneShot: OneShotHash | undefined;

function loadCrypto(): typeof import('node:crypto') {
  crypto = nodeBuiltin('node:crypto');
  oneShot = (crypto as { hash?: OneShotHash }).hash;
  return crypto;
}

const BLOCK = 64;
const DIGEST_LENGTH: Readonly<Record<FastAlgorithm, number>> = { sha1: 20, sha256: 32 };

/** `key XOR ipad` as text, and a scratch buffer holding `key XOR opad` followed by room for the inner digest. */
interface Pads {
  inner: string;
  outer: Buffer;
}

// Per algorithm, keyed by key; a client signs with one or two keys, so a small bound is plenty.
const padCaches: Readonly<Record<FastAlgorithm, Map<string, Pads>>> = { sha1: new Map(), sha256: new Map() };
const PRINTABLE_KEY = /^[\x20-\x7e]{1,64}$/;

function padsFor(algorithm: FastAlgorithm, key: string): Pads {
  const cache = padCaches[algorithm];
  let pads = cache.get(key);
  if (pads === undefined) {
    let inner = '';
    const outer = Buffer.alloc(BLOCK + DIGEST_LENGTH[algorithm]);
    for (let i = 0; i < BLOCK; i++) {
      const k = i < key.length ? key.charCodeAt(i) : 0;
      inner += String.fromCharCode(k ^ 0x36);
      outer[i] = k ^ 0x5c;
    }
    pads = { inner, outer };
    if (cache.size >= 16) cache.clear();
    cache.set(key, pads);
  }
  return pads;
}

/**
 * HMAC (RFC 2104) of a UTF-8 message. For printable-ASCII keys of at most one block (every Aliyun
 * AccessKey secret) it is computed with two one-shot hashes, about twice as fast as createHmac: the
 * inner pad of such a key is itself ASCII, so `innerPad + message` hashes as the right bytes. Other
 * keys, other algorithms, and Node without crypto.hash, use createHmac. A property test keeps the two
 * equal. The one HMAC of the SDK: the signers and the facade's `hmac64` both call it.
 */
export function hmac(algorithm: HmacAlgorithm, key: string, message: string, encoding: 'hex' | 'base64'): string {
  const crypto$ = crypto ?? loadCrypto();
  if (oneShot === undefined || (algorithm !== 'sha1' && algorithm !== 'sha256') || !PRINTABLE_KEY.test(key))
    return crypto$.createHmac(algorithm, key).update(message, 'utf8').digest(encoding);
  const pads = padsFor(algorithm, key);
  // Synchronous use of the shared scratch buffer: nothing can interleave between write and hash.
  pads.outer.write(oneShot(algorithm, pads.inner + message, 'latin1'), BLOCK, 'latin1');
  return oneShot(algorithm, pads.outer, encoding);
}

/** Lowercase hex sha256 of UTF-8 text or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  const crypto$ = crypto ?? loadCrypto();
  if (oneShot !== undefined) return oneShot('sha256', data, 'hex');
  return crypto$.createHash('sha256').update(data).digest('hex');
}
