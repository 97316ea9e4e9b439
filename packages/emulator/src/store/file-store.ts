import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { type JournalEntry, MemoryStore } from './memory-store.js';

/** Options of {@link FileStore}. */
export interface FileStoreOptions {
  /** Oldest messages are dropped past this many. @default 10000 */
  maxMessages?: number;
  /** Rewrite the file once it holds this many lines. @default max(4 x maxMessages, 10000) */
  compactAfterLines?: number;
}

interface JournalFile {
  fd: number | undefined;
  lines: number;
  compact?: () => void;
}

/**
 * A {@link MemoryStore} that journals every change to an append-only JSON-lines file. Each line is
 * written with a synchronous `write(2)` before the change is acknowledged, so a message the emulator
 * answered 200 for survives SIGKILL (the kernel keeps the page even though the process dies).
 * On start, and whenever the journal has grown well past the messages it describes, the file is
 * rewritten (to a temporary file, then renamed) with one `add` line per surviving message.
 */
export class FileStore extends MemoryStore {
  private readonly file: JournalFile;

  constructor(
    readonly path: string,
    options: FileStoreOptions = {},
  ) {
    const file: JournalFile = { fd: undefined, lines: 0 };
    const compactAfter = options.compactAfterLines ?? Math.max(4 * (options.maxMessages ?? 10_000), 10_000);
    super({
      ...(options.maxMessages === undefined ? {} : { maxMessages: options.maxMessages }),
      journal: (entry) => {
        if (file.fd === undefined) throw new Error(`message store ${path} is closed`);
        // Checked before writing: every earlier entry is already applied in memory, this one is not.
        if (file.lines >= compactAfter) file.compact?.();
        writeSync(file.fd, `${JSON.stringify(entry)}\n`);
        file.lines += 1;
      },
    });
    if (existsSync(path)) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          this.replay(JSON.parse(line) as JournalEntry);
        } catch {
          // A torn last line from a crash mid-write: that message was never acknowledged.
        }
      }
    }
    file.compact = () => {
      const messages = this.all();
      const tmp = `${path}.compact`;
      writeFileSync(tmp, messages.map((message) => `${JSON.stringify({ op: 'add', message })}\n`).join(''));
      renameSync(tmp, path);
      if (file.fd !== undefined) closeSync(file.fd);
      file.fd = openSync(path, 'a');
      file.lines = messages.length;
    };
    file.compact();
    this.file = file;
  }

  override async close(): Promise<void> {
    await super.close();
    if (this.file.fd !== undefined) closeSync(this.file.fd);
    this.file.fd = undefined;
  }
}
