import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { type JournalEntry, MemoryStore } from './memory-store.js';

/**
 * A {@link MemoryStore} that journals every change to an append-only JSON-lines file. Each line is
 * written with a synchronous `write(2)` before the change is acknowledged, so a message the emulator
 * answered 200 for survives SIGKILL (the kernel keeps the page even though the process dies).
 * On start the file is replayed and rewritten with one `add` line per surviving message.
 */
export class FileStore extends MemoryStore {
  private readonly file: { fd: number | undefined };

  constructor(
    readonly path: string,
    options: { maxMessages?: number } = {},
  ) {
    const file: { fd: number | undefined } = { fd: undefined };
    super({
      ...options,
      journal: (entry) => {
        if (file.fd === undefined) throw new Error(`message store ${path} is closed`);
        writeSync(file.fd, `${JSON.stringify(entry)}\n`);
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
    const tmp = `${path}.compact`;
    writeFileSync(
      tmp,
      this.all()
        .map((message) => `${JSON.stringify({ op: 'add', message })}\n`)
        .join(''),
    );
    renameSync(tmp, path);
    file.fd = openSync(path, 'a');
    this.file = file;
  }

  override async close(): Promise<void> {
    await super.close();
    if (this.file.fd !== undefined) closeSync(this.file.fd);
    this.file.fd = undefined;
  }
}
