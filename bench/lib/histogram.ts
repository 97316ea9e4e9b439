/**
 * A fixed-size latency histogram with 1% wide logarithmic buckets from 10 µs to about 60 s: recording
 * allocates nothing, so the benchmark's own bookkeeping does not add to the client's RSS or GC work.
 */
export class LatencyHistogram {
  static readonly MIN_MS = 0.01;
  static readonly GROWTH = 1.01;
  private readonly counts = new Uint32Array(1600);
  private total = 0;

  record(ms: number): void {
    const raw =
      Math.log(Math.max(ms, LatencyHistogram.MIN_MS) / LatencyHistogram.MIN_MS) / Math.log(LatencyHistogram.GROWTH);
    const index = Math.min(this.counts.length - 1, Math.floor(raw));
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.total++;
  }

  get count(): number {
    return this.total;
  }

  /** The upper edge of the bucket holding the `p`-th percentile (nearest rank); NaN when empty. */
  percentile(p: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return LatencyHistogram.MIN_MS * LatencyHistogram.GROWTH ** (i + 1);
    }
    return Number.NaN;
  }
}
