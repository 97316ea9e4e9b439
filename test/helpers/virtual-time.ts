// Virtual time for tests of concurrent code: `sleep(ms)` waits for a timer on a ManualClock, and
// timers fire one per macrotask turn, earliest first. A chain of microtasks (a rate token taken,
// then the call made) can never see the clock jump under it, as it could if every sleeper advanced
// the clock itself at once.
import type { ManualClock } from 'alisms';

export function virtualSleep(clock: ManualClock): (ms: number) => Promise<void> {
  const timers: Array<{ at: number; seq: number; wake: () => void }> = [];
  let seq = 0;
  let scheduled = false;
  const fire = () => {
    scheduled = false;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift();
    if (!next) return;
    if (next.at > clock.now()) clock.set(next.at);
    next.wake();
    kick();
  };
  const kick = () => {
    if (scheduled || timers.length === 0) return;
    scheduled = true;
    setImmediate(fire);
  };
  return (ms) =>
    new Promise<void>((wake) => {
      timers.push({ at: clock.now() + Math.max(0, ms), seq: seq++, wake });
      kick();
    });
}
