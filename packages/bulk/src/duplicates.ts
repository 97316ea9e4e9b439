/** Slots of a table nobody reserved: grows from here. */
const MIN_SLOTS = 1 << 16;
/** The fullest a table gets; linear probing stays at a few probes a look-up below it. */
const MAX_LOAD = 0.7;

/**
 * Remembers every (number, parameters) pair seen in a job, compactly enough for millions of rows:
 * an open-addressing table of two Float64Arrays (the number as a double — normalised numbers are
 * at most 15 digits, exact — and a 52-bit hash of the parameters), 16 bytes a slot at most 70%
 * full. Sized once from the row count ({@link DuplicateTracker.reserve}) it never grows: about 23 MB
 * for a million distinct numbers, where a Map took over 150 MB and a doubling table peaked at 48 MB
 * while it copied itself. Only rows with the same number are compared, so a false "duplicate" needs
 * a 52-bit collision between two rows of one number. Extra parameter sets of a number (rare) live
 * in a small Map.
 */
export class DuplicateTracker {
  private phones = new Float64Array(MIN_SLOTS);
  private hashes = new Float64Array(MIN_SLOTS);
  private size = 0;
  private more = new Map<number, number[]>();

  /** Forgets every pair, keeping the table's size (no allocation: a second pass over the same file reuses it). */
  clear(): void {
    this.phones.fill(0);
    this.hashes.fill(0);
    this.size = 0;
    this.more.clear();
  }

  /**
   * Makes room for `rows` distinct numbers at once (a count of the input's lines, an upper bound),
   * so the table is allocated at its final size instead of doubling, which holds the old and the new
   * table together. Without it (an XLSX has no cheap count) the table grows as it fills.
   */
  reserve(rows: number): void {
    const slots = Math.ceil(rows / MAX_LOAD) + 1;
    if (slots > this.phones.length) this.resize(slots);
  }

  /** `'new'`, `'duplicate'` (same number and parameters as an earlier row), or `'conflict'` (same number, other parameters). */
  see(phone: string, paramsKey: string): 'new' | 'duplicate' | 'conflict' {
    const key = Number(phone);
    const hash = hash52(paramsKey);
    const slot = this.find(key);
    if (this.phones[slot] === 0) {
      this.phones[slot] = key;
      this.hashes[slot] = hash;
      this.size += 1;
      if (this.size > this.phones.length * MAX_LOAD) this.resize(this.phones.length * 2);
      return 'new';
    }
    if (this.hashes[slot] === hash) return 'duplicate';
    const others = this.more.get(key);
    if (others?.includes(hash)) return 'duplicate';
    if (others) others.push(hash);
    else this.more.set(key, [hash]);
    return 'conflict';
  }

  /** The slot holding `key`, or the empty slot where it goes (linear probing; 0 marks empty). */
  private find(key: number): number {
    const slots = this.phones.length;
    // Any table size, not only powers of two: the top bits of the mix pick the slot.
    let slot = Math.floor((mix(key) / 4294967296) * slots);
    for (;;) {
      const at = this.phones[slot] as number;
      if (at === 0 || at === key) return slot;
      slot = slot + 1 === slots ? 0 : slot + 1;
    }
  }

  private resize(slots: number): void {
    const phones = this.phones;
    const hashes = this.hashes;
    this.phones = new Float64Array(slots);
    this.hashes = new Float64Array(slots);
    for (let i = 0; i < phones.length; i++) {
      const key = phones[i] as number;
      if (key === 0) continue;
      const slot = this.find(key);
      this.phones[slot] = key;
      this.hashes[slot] = hashes[i] as number;
    }
  }
}

/** Spreads a phone number (up to 15 digits) over 32 bits for the table index. */
function mix(key: number): number {
  const low = key % 4294967296;
  const high = Math.floor(key / 4294967296);
  let h = Math.imul(low ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(high + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x27d4eb2f);
  return (h ^ (h >>> 13)) >>> 0;
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
