import { open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { JournalLockedError, type JournalLockHolder } from './journal-locked-error.js';

/** A held lock on a journal; `release()` removes the lock file (only if it is still ours). */
export interface JournalLock {
  readonly path: string;
  readonly holder: JournalLockHolder;
  release(): Promise<void>;
}

/** Whether a process with this id runs on this machine (EPERM: it runs, as another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<JournalLockHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<JournalLockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.startedAt === 'string')
      return { pid: parsed.pid, host: parsed.host, startedAt: parsed.startedAt };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
  }
  return undefined;
}

const sameHolder = (a: JournalLockHolder | undefined, b: JournalLockHolder | undefined) =>
  a !== undefined && b !== undefined && a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt;

/**
 * Takes the exclusive lock of a journal: `<journal>.lock`, created with O_EXCL and holding the PID,
 * host and start time. A lock whose process is gone from this host (kill -9, power loss) is taken
 * over; a live holder, or one on another host, makes this throw {@link JournalLockedError} at once.
 */
export async function lockJournal(journalPath: string, now: () => Date = () => new Date()): Promise<JournalLock> {
  const path = `${journalPath}.lock`;
  const holder: JournalLockHolder = { pid: process.pid, host: hostname(), startedAt: now().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify(holder));
      await handle.sync();
      await handle.close();
      return {
        path,
        holder,
        async release() {
          const current = await readHolder(path).catch(() => undefined);
          if (sameHolder(current, holder)) await unlink(path).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let current: JournalLockHolder | undefined;
    try {
      current = await readHolder(path);
    } catch {
      continue; // released between our open and our read: try again
    }
    // A lock file still being written by its taker reads as empty: treat it as held.
    const local = current?.host === holder.host;
    if (!current || !local || processAlive(current.pid)) throw new JournalLockedError(path, current, local);
    // Stale: move it aside under a unique name, then check that what moved is the stale lock and
    // not one a concurrent taker created in between (if it is not, put it back and give up).
    const aside = `${path}.stale-${process.pid}-${attempt}`;
    try {
      await rename(path, aside);
    } catch {
      continue;
    }
    const moved = await readHolder(aside).catch(() => undefined);
    if (!sameHolder(moved, current)) {
      await rename(aside, path).catch(() => undefined);
      throw new JournalLockedError(path, moved, true);
    }
    await unlink(aside).catch(() => undefined);
  }
  throw new JournalLockedError(path, await readHolder(path).catch(() => undefined), true);
}
