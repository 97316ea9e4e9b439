// A minimal MessageStore for tests that must not depend on the emulator's own store.
import type {
  MessageQuery,
  MessageStore,
  RawExchange,
  StoredMessage,
  StoreEvent,
} from '../../packages/emulator/src/store/types.js';

export class MemoryStore implements MessageStore {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly raws = new Map<string, RawExchange>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  async add(message: StoredMessage): Promise<void> {
    this.messages.set(message.id, { ...message });
    this.emit({ type: 'message', message: { ...message } });
  }

  async update(
    id: string,
    patch: Partial<Pick<StoredMessage, 'status' | 'errCode' | 'receivedAt'>>,
  ): Promise<StoredMessage | undefined> {
    const current = this.messages.get(id);
    if (!current) return undefined;
    const next = { ...current, ...patch };
    this.messages.set(id, next);
    this.emit({ type: 'status', message: { ...next } });
    return { ...next };
  }

  get(id: string): StoredMessage | undefined {
    const m = this.messages.get(id);
    return m && { ...m };
  }

  list(query: MessageQuery = {}): StoredMessage[] {
    return [...this.messages.values()]
      .filter(
        (m) =>
          (query.to === undefined || m.toKey === query.to.replace(/\D/g, '')) &&
          (!query.bizId || m.bizId === query.bizId) &&
          (!query.product || m.product === query.product) &&
          (!query.status || m.status === query.status) &&
          (!query.before || m.id < query.before),
      )
      .reverse()
      .slice(0, query.limit ?? 100);
  }

  latest(to: string): StoredMessage | undefined {
    return this.list({ to, limit: 1 })[0];
  }

  async remove(ids: readonly string[]): Promise<string[]> {
    const removed = ids.filter((id) => this.messages.delete(id));
    if (removed.length > 0) this.emit({ type: 'delete', ids: removed });
    return removed;
  }

  async setRaw(ids: readonly string[], raw: RawExchange): Promise<void> {
    for (const id of ids) this.raws.set(id, raw);
  }

  getRaw(id: string): RawExchange | undefined {
    return this.raws.get(id);
  }

  async clear(): Promise<void> {
    this.messages.clear();
    this.emit({ type: 'clear' });
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  private emit(event: StoreEvent): void {
    for (const l of this.listeners) l(event);
  }
}

let seq = 0;

/** A domestic SMS as the emulator would store it; override any field. */
export function smsMessage(overrides: Partial<StoredMessage> = {}): StoredMessage {
  seq += 1;
  const code = overrides.code ?? String(100000 + seq);
  return {
    id: `m${String(seq).padStart(6, '0')}`,
    product: 'sms',
    action: 'SendSms',
    to: '13800138000',
    toKey: '8613800138000',
    signName: '阿里云短信测试',
    templateCode: 'SMS_154950909',
    params: { code },
    content: `【阿里云短信测试】您正在使用阿里云短信测试服务，体验验证码是：${code}，如非本人操作，请忽略本短信！`,
    code,
    segments: 1,
    bizId: `${900000000000000000 + seq}^0`,
    status: 'waiting',
    sentAt: new Date().toISOString(),
    ...overrides,
  };
}
