import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, open, rename, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type JournalLock, lockJournal } from './journal-lock.js';
import { JournalMismatchError } from './journal-mismatch-error.js';

/** How a journal is opened. */
export interface JournalOpenOptions {
  /**
   * Start a new job even if the journal belongs to another one (changed input or options): the old
   * journal is kept beside it as `<journal>.<time>.old`. @default false
   */
  restart?: boolean | undefined;
}

/**
 * The crash-safe record of a bulk job: JSON Lines, append-only. A `send` line is on disk (fsync'd)
 * before its call leaves; the outcome line follows the answer. After a crash, a batch with a `send`
 * and no outcome is the only kind whose fate is unknown, and it is reconciled before anything is resent.
 */
export type JournalRecord =
  | { t: 'job'; v: 1; job: string; fingerprint: JobFingerprint; createdAt: string }
  | { t: 'send'; b: number; p?: string | undefined; at: number }
  | { t: 'ok'; b: number; p?: string | undefined; biz?: string | undefined; reconciled?: boolean }
  | { t: 'fail'; b: number; p?: string | undefined; code: string; msg: string }
  /** The call is known not to have been sent (throttled, refused before sending): as if never tried. */
  | { t: 'unsent'; b: number; p?: string | undefined }
  /**
   * Looked up until the unknown-outcome deadline and never seen: not resent unless the user asks
   * (`--resend-unknown`). `at` is when the call started.
   */
  | { t: 'unknown'; b: number; p?: string | undefined; at: number }
  /** Rejected for a reason of one row: its halves are sent as calls of their own (records with `p`, see split.ts). */
  | { t: 'split'; b: number; p?: string | undefined };

/** What must not change between a run and its resume. */
export interface JobFingerprint {
  input: string;
  size: number;
  /** SHA-256 of the input's bytes (hex): an edit that keeps the size is still a different job. */
  sha256: string;
  /** The input's text encoding (`--encoding`) and, for XLSX, the sheet read. */
  encoding?: string | undefined;
  sheet?: string | undefined;
  format: string;
  sign: string;
  template: string;
  text?: string | undefined;
}

/** The last journal record of a batch: being sent (since `at`), accepted (with its BizId), or failed. */
export type BatchState =
  | { s: 'sending'; at: number }
  | { s: 'ok'; biz?: string | undefined }
  | { s: 'fail'; code: string; msg: string }
  | { s: 'unknown'; at: number }
  | { s: 'split' };

/** The key of a part's state in {@link JournalContents.parts}: batch seq and the part's range key. */
export function partStateKey(seq: number, part: string): string {
  return `${seq}:${part}`;
}

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
    /** Outcomes of the parts of split batches (see {@link partStateKey}). */
    readonly parts: Map<string, BatchState>,
    private readonly handle: FileHandle,
    private readonly lock: JournalLock,
  ) {}

  /** Opens (or creates) the journal of a job; throws {@link JournalMismatchError} if it is another job's. */
  static async open(path: string, fingerprint: JobFingerprint, options: JournalOpenOptions = {}): Promise<Journal> {
    // The lock comes first: reading the journal while another run appends to it would resume
    // from a state that is already stale.
    const lock = await lockJournal(path);
    let existing: JournalContents | undefined;
    let handle: FileHandle;
    try {
      existing = await readJournal(path);
      if (existing && options.restart) {
        await rename(path, `${path}.${new Date().toISOString().replace(/[:.]/g, '-')}.old`);
        existing = undefined;
      }
      if (existing) {
        for (const key of Object.keys(fingerprint) as Array<keyof JobFingerprint>) {
          if (existing.fingerprint[key] !== fingerprint[key]) throw new JournalMismatchError(path, key);
        }
      }
      handle = await open(path, 'a');
    } catch (error) {
      await lock.release();
      throw error;
    }
    let jobId = existing?.jobId;
    const journal = new Journal(
      path,
      jobId ?? '',
      existing?.states ?? new Map(),
      existing?.parts ?? new Map(),
      handle,
      lock,
    );
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
    try {
      await this.flush(true);
      await this.handle.close();
    } finally {
      await this.lock.release();
    }
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
  /** Outcomes of the parts of split batches, by {@link partStateKey}. */
  parts: Map<string, BatchState>;
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
  const batches = new Map<number, BatchState>();
  const parts = new Map<string, BatchState>();
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
    if (record.t === 'job') {
      header ??= { job: record.job, fingerprint: record.fingerprint };
      continue;
    }
    // A part's records go to its own state, under its batch (which is `split`).
    const p = record.p;
    const states: { set(state: BatchState): void; delete(): void } =
      p === undefined
        ? { set: (state) => batches.set(record.b, state), delete: () => batches.delete(record.b) }
        : {
            set: (state) => parts.set(partStateKey(record.b, p), state),
            delete: () => parts.delete(partStateKey(record.b, p)),
          };
    switch (record.t) {
      case 'split':
        states.set({ s: 'split' });
        break;
      case 'send':
        states.set({ s: 'sending', at: record.at });
        break;
      case 'ok':
        states.set({ s: 'ok', biz: record.biz });
        break;
      case 'fail':
        states.set({ s: 'fail', code: record.code, msg: record.msg });
        break;
      case 'unsent':
        states.delete();
        break;
      case 'unknown':
        states.set({ s: 'unknown', at: record.at });
        break;
    }
  }
  if (!header) return undefined;
  return { jobId: header.job, fingerprint: header.fingerprint, states: batches, parts, partialTail };
}
