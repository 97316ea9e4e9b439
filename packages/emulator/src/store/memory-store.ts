import { recipientKey } from '../rules/phone.js';
import type { MessageQuery, MessageStore, StoredMessage, StoreEvent } from './types.js';

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Oldest messages are dropped past this many. @default 10000 */
  maxMessages?: number;
  /** Called before a change is applied; the file store writes its journal line here. */
  journal?: (entry: JournalEntry) => void;
}

/** One line of the persistence journal. */
export type JournalEntry =
  | { op: 'add'; message: StoredMessage }
  | { op: 'update'; id: string; patch: Partial<StoredMessage> }
  | { op: 'clear' };

function sinceMs(since: string | number): number {
  if (typeof since === 'number') return since;
  return /^\d+$/.test(since) ? Number(since) : Date.parse(since);
}

/** The in-memory message store; listeners get every change synchronously after it is applied. */
export class MemoryStore implements MessageStore {
  // Insertion order is sending order, so "newest first" is a reverse walk.
  protected readonly messages = new Map<string, StoredMessage>();
  /** Ids in insertion order from `head` on (may hold ids already cleared or deleted). */
  private order: string[] = [];
  private head = 0;
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly maxMessages: number;
  private readonly journal: ((entry: JournalEntry) => void) | undefined;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxMessages = options.maxMessages ?? 10_000;
    this.journal = options.journal;
  }

  /** Applies a journal entry without journaling or emitting (used when loading a file). */
  replay(entry: JournalEntry): void {
    if (entry.op === 'add') this.insert(entry.message);
    else if (entry.op === 'update') {
      const current = this.messages.get(entry.id);
      if (current) this.messages.set(entry.id, { ...current, ...entry.patch });
    } else this.reset();
  }

  private reset(): void {
    this.messages.clear();
    this.order = [];
    this.head = 0;
  }

  private insert(message: StoredMessage): void {
    this.messages.set(message.id, message);
    this.order.push(message.id);
    // Eviction walks its own queue: `map.keys().next()` after many deletes from the front skips every
    // deleted slot each time, which made a full store cost more per send than the whole request.
    while (this.messages.size > this.maxMessages && this.head < this.order.length) {
      this.messages.delete(this.order[this.head++] as string);
    }
    if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  async add(message: StoredMessage): Promise<void> {
    this.journal?.({ op: 'add', message });
    this.insert(message);
    this.emit({ type: 'message', message });
  }

  async update(
    id: string,
    patch: Partial<Pick<StoredMessage, 'status' | 'errCode' | 'receivedAt'>>,
  ): Promise<StoredMessage | undefined> {
    const current = this.messages.get(id);
    if (!current) return undefined;
    this.journal?.({ op: 'update', id, patch });
    // Patched in place: a copy per receipt turned every message into old-generation garbage under load.
    Object.assign(current, patch);
    this.emit({ type: 'status', message: current });
    return current;
  }

  get(id: string): StoredMessage | undefined {
    return this.messages.get(id);
  }

  list(query: MessageQuery = {}): StoredMessage[] {
    const key = query.to === undefined ? undefined : recipientKey(query.to);
    const since = query.since === undefined ? undefined : sinceMs(query.since);
    const limit = query.limit ?? 100;
    const out: StoredMessage[] = [];
    // Newest first straight from the insertion queue: no copy of the whole store per lookup.
    for (let i = this.order.length - 1; i >= this.head && out.length < limit; i--) {
      const m = this.messages.get(this.order[i] as string);
      if (!m) continue;
      if (key !== undefined && m.toKey !== key) continue;
      if (since !== undefined && Date.parse(m.sentAt) < since) continue;
      if (query.bizId !== undefined && m.bizId !== query.bizId) continue;
      if (query.product !== undefined && m.product !== query.product) continue;
      out.push(m);
    }
    return out;
  }

  /** Every message, oldest first (for persistence). */
  all(): StoredMessage[] {
    return [...this.messages.values()];
  }

  latest(to: string): StoredMessage | undefined {
    return this.list({ to, limit: 1 })[0];
  }

  async clear(): Promise<void> {
    this.journal?.({ op: 'clear' });
    this.reset();
    this.emit({ type: 'clear' });
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed SSE stream) must not fail the send that triggered it.
      }
    }
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
