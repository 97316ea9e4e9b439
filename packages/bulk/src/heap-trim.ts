import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Why this exists: planning reads about 100,000 rows a second, and V8, tuned for throughput, lets
 * the short-lived row objects it promotes pile up to 100–140 MB of old-generation garbage before a
 * full collection (the live data is 20–30 MB). A full collection every {@link TRIM_EVERY_ROWS} rows
 * costs a few milliseconds and keeps the heap near its live size, which is what holds a million-row
 * job under 200 MB of resident memory without the user passing a heap flag. It only collects garbage
 * sooner: it cannot fail a run that would otherwise succeed.
 */
export const TRIM_EVERY_ROWS = 20_000;

/**
 * Above this heap size the collection is skipped: the CLI's heap stays far below it, where a full
 * collection takes a few milliseconds; an application embedding the library with a bigger heap would
 * pay a longer pause for it, and is left to V8's own schedule.
 */
export const TRIM_MAX_HEAP_BYTES = 256 * 1024 * 1024;

let collect: (() => void) | null | undefined;

/** The engine's full collection, or null when this runtime does not offer one (then trimming is skipped). */
function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    // `gc` is exposed to contexts created after the flag is set; the main context is left as it was.
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : null');
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Counts rows read and runs a full collection every {@link TRIM_EVERY_ROWS} of them. */
export class HeapTrimmer {
  private rows = 0;

  /** Call once per row read. */
  tick(): void {
    this.rows += 1;
    if (this.rows % TRIM_EVERY_ROWS !== 0) return;
    if (getHeapStatistics().total_heap_size > TRIM_MAX_HEAP_BYTES) return;
    collector()?.();
  }
}
