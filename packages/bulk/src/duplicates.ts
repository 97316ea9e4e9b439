/**
 * Remembers every (number, parameters) pair seen in a job, compactly enough for millions of rows:
 * the number as a JS number key (normalised numbers are at most 15 digits) and a 52-bit hash of the
 * parameters. Only rows with the same number are ever compared, so a false "duplicate" needs a
 * 52-bit collision between two rows of one number.
 */
export class DuplicateTracker {
  private first = new Map<number, number>();
  private more = new Map<number, number[]>();

  /** `'new'`, `'duplicate'` (same number and parameters as an earlier row), or `'conflict'` (same number, other parameters). */
  see(phone: string, paramsKey: string): 'new' | 'duplicate' | 'conflict' {
    const key = Number(phone);
    const hash = hash52(paramsKey);
    const seen = this.first.get(key);
    if (seen === undefined) {
      this.first.set(key, hash);
      return 'new';
    }
    if (seen === hash) return 'duplicate';
    const others = this.more.get(key);
    if (others?.includes(hash)) return 'duplicate';
    if (others) others.push(hash);
    else this.more.set(key, [hash]);
    return 'conflict';
  }
}

/** Two 32-bit FNV-1a lanes with different seeds, folded to 52 bits (exact in a double). */
function hash52(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
