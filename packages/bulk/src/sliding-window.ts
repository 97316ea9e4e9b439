/**
 * The most calls in any window of `windowMs` (half-open: `[t, t + windowMs)`), from call times in
 * any order. This is how the rate cap is stated and checked: tests over an injected clock, the
 * bench over wall time.
 *
 * @example
 * maxInSlidingWindow([0, 100, 999, 1000]); // 3
 */
export function maxInSlidingWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
