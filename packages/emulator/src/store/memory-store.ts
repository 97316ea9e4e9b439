import { recipientKey } from '../rules/phone.js';
import type { MessageQuery, MessageStore, RawExchange, StoredMessage, StoreEvent } from './types.js';

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
  | { op: 'delete'; ids: string[] }
  | { op: 'raw'; ids: string[]; raw: RawExchange }
  | { op: 'clear' };

function sinceMs(since: string | number): number {
  if (typeof since === 'number') return since;
  return /^\d+$/.test(since) ? Number(since) : Date.parse(since);
}

/** The in-memory message store; listeners get every change synchronously after it is applied. */
export class MemoryStore implements MessageStore {
  // Insertion order is sending order, so "newest first" is a reverse walk.
  protected readonly messages = new Map<string, StoredMessage>();
  /** Raw exchanges by message id; the messages of one call share one object. */
  protected readonly raws = new Map<string, RawExchange>();
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
    } else if (entry.op === 'delete') this.drop(entry.ids);
    else if (entry.op === 'raw') this.keepRaw(entry.ids, entry.raw);
    else this.reset();
  }

  private reset(): void {
    this.messages.clear();
    this.raws.clear();
    this.order = [];
    this.head = 0;
  }

  private insert(message: StoredMessage): void {
    this.messages.set(message.id, message);
    this.order.push(message.id);
    // Eviction walks its own queue: `map.keys().next()` after many deletes from the front skips every
    // deleted slot each time, which made a full store cost more per send than the whole request.
    while (this.messages.size > this.maxMessages && this.head < this.order.length) {
      const evicted = this.order[this.head++] as string;
      this.messages.delete(evicted);
      this.raws.delete(evicted);
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
    patch: Partial<Pick<StoredMessage, 'status' | 'errCode' | 'receivedAt' | 'conversion'>>,
  ): Promise<StoredMessage | undefined> {
    const current = this.messages.get(id);
    if (!current) return undefined;
    this.journal?.({ op: 'update', id, patch });
    // Patched in place: a copy per receipt turned every message into old-generation garbage under load.
    Object.assign(current, patch);
    this.emit({ type: 'status', message: current });
    return current;
  }

  /** Removes what exists of `ids`; the insertion queue keeps their slots (list() skips them). */
  private drop(ids: readonly string[]): string[] {
    const removed = ids.filter((id) => this.messages.delete(id));
    for (const id of removed) this.raws.delete(id);
    return removed;
  }

  private keepRaw(ids: readonly string[], raw: RawExchange): void {
    for (const id of ids) if (this.messages.has(id)) this.raws.set(id, raw);
  }

  async remove(ids: readonly string[]): Promise<string[]> {
    const present = ids.filter((id) => this.messages.has(id));
    if (present.length === 0) return [];
    this.journal?.({ op: 'delete', ids: present });
    const removed = this.drop(present);
    this.emit({ type: 'delete', ids: removed });
    return removed;
  }

  async setRaw(ids: readonly string[], raw: RawExchange): Promise<void> {
    const present = ids.filter((id) => this.messages.has(id));
    if (present.length === 0) return;
    this.journal?.({ op: 'raw', ids: present, raw });
    this.keepRaw(present, raw);
  }

  getRaw(id: string): RawExchange | undefined {
    return this.raws.get(id);
  }

  /** Every kept raw exchange once, with the ids that share it (for compacting the journal). */
  rawGroups(): Array<{ ids: string[]; raw: RawExchange }> {
    const groups = new Map<RawExchange, string[]>();
    for (const [id, raw] of this.raws) {
      const ids = groups.get(raw);
      if (ids) ids.push(id);
      else groups.set(raw, [id]);
    }
    return [...groups].map(([raw, ids]) => ({ ids, raw }));
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
      const id = this.order[i] as string;
      // Ids are zero-padded and grow with sending order, so "older than" is a string comparison.
      if (query.before !== undefined && id >= query.before) continue;
      const m = this.messages.get(id);
      if (!m) continue;
      if (key !== undefined && m.toKey !== key) continue;
      if (since !== undefined && Date.parse(m.sentAt) < since) continue;
      if (query.bizId !== undefined && m.bizId !== query.bizId) continue;
      if (query.product !== undefined && m.product !== query.product) continue;
      if (query.status !== undefined && m.status !== query.status) continue;
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
