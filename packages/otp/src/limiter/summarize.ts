import type { LimitCheck, LimitResult, LimitState } from './types.js';

/** Turns per-limit counts into a {@link LimitResult}; shared by the Redis and memory stores so they agree. */
export function summarize(
  checks: readonly LimitCheck[],
  allowed: boolean,
  counts: readonly { count: number; resetAt: number }[],
): LimitResult {
  const states: LimitState[] = checks.map(({ policy }, i) => {
    const c = counts[i] ?? { count: 0, resetAt: 0 };
    return {
      name: policy.name,
      count: c.count,
      limit: policy.limit,
      resetAt: c.resetAt,
      refused: !allowed && c.count >= policy.limit,
    };
  });
  if (!allowed) {
    const refusing = states.filter((s) => s.refused);
    const last = refusing.reduce<LimitState | undefined>((a, b) => (a && a.resetAt >= b.resetAt ? a : b), undefined);
    return {
      allowed,
      remaining: 0,
      resetAt: last?.resetAt ?? 0,
      reason: last?.name ?? 'unknown',
      exhausted: [],
      states,
    };
  }
  const remaining = states.length ? Math.min(...states.map((s) => Math.max(0, s.limit - s.count))) : Infinity;
  const resetAt = states.length ? Math.min(...states.map((s) => s.resetAt)) : 0;
  const exhausted = states.filter((s) => s.count === s.limit).map((s) => s.name);
  return { allowed, remaining, resetAt, reason: undefined, exhausted, states };
}
