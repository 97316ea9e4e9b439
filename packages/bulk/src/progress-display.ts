import type { Writable } from 'node:stream';
import { type Clock, systemClock } from 'alisms';
import type { BulkProgress } from './runner.js';

/** A progress display of a bulk job (a bar on a terminal, plain lines otherwise). */
export interface ProgressDisplay {
  update(progress: BulkProgress): void;
  stop(): void;
}

/** Options of {@link createProgressDisplay}. */
export interface ProgressDisplayOptions {
  stream: Writable & { isTTY?: boolean };
  /** Rows in the input (an estimate is fine); 0 when unknown. */
  total: number;
  /** Plain lines every this many ms when the stream is not a terminal. @default 5000 */
  intervalMs?: number;
  clock?: Clock;
}

/** One plain progress line: rows done / total, rate, ETA and errors so far. */
export function progressLine(p: BulkProgress, total: number, elapsedMs: number): string {
  const done = p.submitted + p.failed + p.invalid;
  const fresh = done - p.resumed;
  const rate = elapsedMs > 0 ? (fresh * 1000) / elapsedMs : 0;
  const left = Math.max(0, total - done);
  const eta = rate > 0 ? `${Math.ceil(left / rate)}s` : '?';
  const pct = total > 0 ? ` (${Math.floor((done * 100) / total)}%)` : '';
  return `progress: ${done}/${total || '?'} rows${pct}, ${rate.toFixed(0)} rows/s, ETA ${eta}, errors ${p.failed + p.invalid}, calls ${p.calls}${p.throttled ? `, throttled ${p.throttled}` : ''}\n`;
}

/**
 * A progress bar on a terminal (cli-progress), periodic plain lines otherwise (CI logs, files).
 * cli-progress is loaded only when a terminal is attached.
 */
export async function createProgressDisplay(options: ProgressDisplayOptions): Promise<ProgressDisplay> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  if (options.stream.isTTY) {
    const { SingleBar, Presets } = (await import('cli-progress')).default;
    const bar = new SingleBar(
      {
        stream: options.stream,
        format: 'bulk |{bar}| {value}/{total} rows | {rate} rows/s | ETA {eta_formatted} | errors {errors}',
        hideCursor: true,
        etaBuffer: 200,
      },
      Presets.shades_classic,
    );
    bar.start(options.total, 0, { rate: 0, errors: 0 });
    return {
      update(p) {
        const done = p.submitted + p.failed + p.invalid;
        const elapsed = clock.now() - started;
        const rate = elapsed > 0 ? Math.round(((done - p.resumed) * 1000) / elapsed) : 0;
        if (done > options.total) bar.setTotal(done);
        bar.update(done, { rate, errors: p.failed + p.invalid });
      },
      stop: () => bar.stop(),
    };
  }
  const interval = options.intervalMs ?? 5000;
  let last: BulkProgress | undefined;
  let lastPrinted = started;
  let printed: BulkProgress | undefined;
  return {
    update(p) {
      last = p;
      const now = clock.now();
      if (now - lastPrinted < interval) return;
      lastPrinted = now;
      printed = p;
      options.stream.write(progressLine(p, options.total, now - started));
    },
    stop() {
      if (last && last !== printed) options.stream.write(progressLine(last, options.total, clock.now() - started));
    },
  };
}
