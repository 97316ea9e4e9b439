import type { LimitResult } from './limiter/index.js';
import type { OtpLimit } from './limits.js';
import type { ResolvedOptions } from './options.js';
import type { OtpAlert } from './types.js';

/**
 * The alerts one allowed send raises: every global or prefix limit this very send filled to its cap. A limit
 * fills once per window, so each trip alerts once; the refusals after it do not. Hooks that throw are ignored:
 * an alert must not turn a paid send into an error.
 */
export async function raiseAlerts(
  o: Pick<ResolvedOptions, 'limits' | 'onFuse' | 'onAlert'>,
  limit: LimitResult,
  prefix: string | undefined,
): Promise<void> {
  if (!o.onFuse && !o.onAlert) return;
  for (const name of limit.exhausted) {
    const configured: OtpLimit | undefined = o.limits.find((l) => l.policy.name === name);
    const state = limit.states.find((s) => s.name === name);
    if (!configured || !state) continue;
    let alert: OtpAlert | undefined;
    if (configured.scope === 'global') {
      alert = { type: 'fuse.tripped', limit: name, count: state.count, resetAt: state.resetAt };
      await call(() => o.onFuse?.({ limit: name, count: state.count, resetAt: state.resetAt }));
    } else if (configured.scope === 'prefix' && prefix)
      alert = { type: 'prefix.capped', limit: name, prefix, count: state.count, resetAt: state.resetAt };
    if (alert) {
      const raised = alert;
      await call(() => o.onAlert?.(raised));
    }
  }
}

async function call(hook: () => unknown): Promise<void> {
  try {
    await hook();
  } catch {
    // See raiseAlerts: ignored on purpose.
  }
}
