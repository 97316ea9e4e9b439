import { AlismsError } from 'alisms';

/** Who holds a journal's lock: written into the lock file by the run that took it. */
export interface JournalLockHolder {
  pid: number;
  host: string;
  /** ISO time the holding run started. */
  startedAt: string;
}

/**
 * Another run of the same job holds its journal: two runs at once would each send the rows the
 * other has not journaled yet. The message names the holder so the user can find it.
 */
export class JournalLockedError extends AlismsError {
  override name = 'JournalLockedError';
  readonly lockPath: string;
  readonly holder: JournalLockHolder | undefined;
  constructor(lockPath: string, holder: JournalLockHolder | undefined, sameHost: boolean) {
    const who = holder
      ? `process ${holder.pid} on ${holder.host}, started ${holder.startedAt}`
      : 'another process (the lock file is unreadable)';
    super(
      `This job is already running: its journal is locked by ${who}. Wait for that run to finish or stop it. ` +
        (sameHost
          ? `If it is gone, delete ${lockPath}.`
          : `Its host cannot be checked from here; if that process is gone, delete ${lockPath}.`),
      { code: 'ALISMS_BULK_JOURNAL_LOCKED' },
    );
    this.lockPath = lockPath;
    this.holder = holder;
  }
}
