// Preloaded (`node --import`) by bench/bulk.ts into `alisms bulk send` and every `alisms worker`:
// records when each API call attempt starts on the client — sends, reconciliation look-ups and
// retries alike — from the SDK's `alisms:request:start` diagnostics channel (published once per HTTP
// attempt, right after the rate limiter granted it). Times are epoch ms with sub-ms precision,
// appended one per line to `$ALISMS_BENCH_CALL_LOG.<pid>`, so the bench can compute the busiest
// sliding second as the client issued the calls, apart from when the emulator stamped their arrival.
import { subscribe } from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';

const base = process.env.ALISMS_BENCH_CALL_LOG;
if (base) {
  const path = `${base}.${process.pid}`;
  let pending = [];
  const flush = () => {
    if (pending.length === 0) return;
    appendFileSync(path, `${pending.join('\n')}\n`);
    pending = [];
  };
  subscribe('alisms:request:start', () => {
    pending.push((performance.timeOrigin + performance.now()).toFixed(3));
  });
  // Workers are stopped with SIGTERM: flush often so nothing is lost if one exits abruptly.
  setInterval(flush, 250).unref();
  process.on('exit', flush);
}
