import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { JournalMismatchError } from './journal-mismatch-error.js';

/**
 * The crash-safe record of a bulk job: JSON Lines, append-only. A `send` line is on disk (fsync'd)
 * before its call leaves; the outcome line follows the answer. After a crash, a batch with a `send`
 * and no outcome is the only kind whose fate is unknown, and it is reconciled before anything is resent.
 */
export type JournalRecord =
  | { t: 'job'; v: 1; job: string; fingerprint: JobFingerprint; createdAt: string }
  | { t: 'send'; b: number; at: number }
  | { t: 'ok'; b: number; biz?: string | undefined; reconciled?: boolean }
  | { t: 'fail'; b: number; code: string; msg: string }
  /** The call is known not to have been sent (throttled, refused before sending): as if never tried. */
  | { t: 'unsent'; b: number };

/** What must not change between a run and its resume. */
export interface JobFingerprint {
  input: string;
  size: number;
  format: string;
  sign: string;
  template: string;
  text?: string | undefined;
}

/** The last journal record of a batch: being sent (since `at`), accepted (with its BizId), or failed. */
export type BatchState =
  | { s: 'sending'; at: number }
  | { s: 'ok'; biz?: string | undefined }
  | { s: 'fail'; code: string; msg: string };

/** How often buffered outcome lines are made durable when no `send` forces it. */
const SYNC_INTERVAL_MS = 1000;

/** The append-only journal of a bulk job: a batch is recorded as `sending` before the call and `ok`/`fail` after, so a resumed job never sends a batch twice. One instance per open journal file. */
export class Journal {
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  // Writes are chained so lines reach the file in the order they were appended.
  private chain: Promise<void> = Promise.resolve();
  private scheduled = false;
  private lastSync = Date.now();
  private failed: unknown;

  private constructor(
    readonly path: string,
    readonly jobId: string,
    /** Batch outcomes found on disk when the journal was opened. */
    readonly states: Map<number, BatchState>,
    private readonly handle: FileHandle,
  ) {}

  /** Opens (or creates) the journal of a job; throws {@link JournalMismatchError} if it is another job's. */
  static async open(path: string, fingerprint: JobFingerprint): Promise<Journal> {
    const existing = await readJournal(path);
    const handle = await open(path, 'a');
    let jobId = existing?.jobId;
    if (existing) {
      for (const key of Object.keys(fingerprint) as Array<keyof JobFingerprint>) {
        if (existing.fingerprint[key] !== fingerprint[key]) {
          await handle.close();
          throw new JournalMismatchError(path, key);
        }
      }
    }
    const journal = new Journal(path, jobId ?? '', existing?.states ?? new Map(), handle);
    // A kill -9 can leave half a line: start ours on a fresh one.
    if (existing?.partialTail) journal.pending.push('\n');
    if (!jobId) {
      jobId = `bk${randomBytes(5).toString('hex')}`;
      (journal as { jobId: string }).jobId = jobId;
      await journal.appendDurable({ t: 'job', v: 1, job: jobId, fingerprint, createdAt: new Date().toISOString() });
    }
    return journal;
  }

  /** Appends a line; it reaches the file soon and the disk with the next sync. */
  append(record: JournalRecord): void {
    this.pending.push(`${JSON.stringify(record)}\n`);
    this.schedule();
  }

  /** Appends a line and resolves once it is fsync'd (together with everything written before it). */
  appendDurable(record: JournalRecord): Promise<void> {
    this.pending.push(`${JSON.stringify(record)}\n`);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.schedule();
    });
  }

  /** Writes and syncs everything pending, then closes the file. */
  async close(): Promise<void> {
    await this.flush(true);
    await this.handle.close();
  }

  /** Waits until everything appended so far is written and synced. */
  sync(): Promise<void> {
    return this.flush(true);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Let the current tick's appends join this write: one fsync for many records.
    setImmediate(() => {
      this.scheduled = false;
      this.flush(false).catch(() => undefined);
    });
  }

  private flush(forceSync: boolean): Promise<void> {
    const run = this.chain.then(() => this.flushOnce(forceSync));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async flushOnce(forceSync: boolean): Promise<void> {
    const lines = this.pending.join('');
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    try {
      if (this.failed) throw this.failed;
      if (lines.length > 0) await this.handle.write(lines);
      if (forceSync || waiters.length > 0 || (lines.length > 0 && Date.now() - this.lastSync > SYNC_INTERVAL_MS)) {
        await this.handle.datasync();
        this.lastSync = Date.now();
      }
    } catch (error) {
      this.failed = error;
      for (const w of waiters) w.reject(error);
      throw error;
    }
    for (const w of waiters) w.resolve();
  }
}

/** What {@link readJournal} finds in a journal file: the job it belongs to and the state of each batch. */
export interface JournalContents {
  jobId: string;
  fingerprint: JobFingerprint;
  states: Map<number, BatchState>;
  partialTail: boolean;
}

/** Reads a journal into per-batch states; `undefined` when the file does not exist or is empty. */
export async function readJournal(path: string): Promise<JournalContents | undefined> {
  try {
    if ((await stat(path)).size === 0) return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const states = new Map<number, BatchState>();
  let header: { job: string; fingerprint: JobFingerprint } | undefined;
  let partialTail = false;
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (line === '') continue;
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
      partialTail = false;
    } catch {
      // Only the last line can be torn (the process died mid-write); it never held a durable `send`.
      partialTail = true;
      continue;
    }
    switch (record.t) {
      case 'job':
        header ??= { job: record.job, fingerprint: record.fingerprint };
        break;
      case 'send':
        states.set(record.b, { s: 'sending', at: record.at });
        break;
      case 'ok':
        states.set(record.b, { s: 'ok', biz: record.biz });
        break;
      case 'fail':
        states.set(record.b, { s: 'fail', code: record.code, msg: record.msg });
        break;
      case 'unsent':
        states.delete(record.b);
        break;
    }
  }
  if (!header) return undefined;
  return { jobId: header.job, fingerprint: header.fingerprint, states, partialTail };
}
