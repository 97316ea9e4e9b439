/**
 * What the emulator keeps of every accepted message, and the events its page, SSE stream and
 * receipt pusher subscribe to. This shape is also the JSON of `/_emulator/api/messages`.
 */
export type MessageProduct = 'sms' | 'intl' | 'mail';
/** Delivery status of a stored message: waiting for a receipt, delivered or failed. */
export type MessageStatus = 'waiting' | 'delivered' | 'failed';

/** One message the emulator accepted (SMS or mail), as the inbox and the inspection API show it. */
export interface StoredMessage {
  /** Emulator-local id (monotonic, URL-safe). */
  id: string;
  product: MessageProduct;
  /** Action that created it: SendSms, SendBatchSms, SendMessageToGlobe, SingleSendMail, ... */
  action: string;
  /** One phone number (as given by the caller) or one e-mail address: a batch becomes one message per recipient. */
  to: string;
  /** The recipient normalised for matching: E.164 digits without `+` for phones, lower-case for addresses. */
  toKey: string;
  signName?: string;
  templateCode?: string;
  params?: Record<string, string>;
  /** Rendered text: `【sign】` + template for SMS, the message for international, the subject for mail. */
  content: string;
  /** The verification code: the `code` param, else the first run of 4-8 digits in the content. */
  code?: string;
  segments: number;
  bizId?: string;
  messageId?: string;
  envId?: string;
  outId?: string;
  /** International: TaskId; mail: TagName. */
  taskId?: string;
  status: MessageStatus;
  /** Carrier code once known: `DELIVERED` or e.g. `MOBILE_NOT_ON_SERVICE`. */
  errCode?: string;
  /** ISO 8601 UTC. */
  sentAt: string;
  /** ISO 8601 UTC, once a receipt exists. */
  receivedAt?: string;
  /** Direct Mail only. */
  mail?: {
    from: string;
    fromAlias?: string;
    subject: string;
    htmlBody?: string;
    textBody?: string;
    replyToAddress?: boolean;
    tagName?: string;
  };
}

/** Filters of `MessageStore.list` (and of the inspection API): recipient, product, time, text. */
export interface MessageQuery {
  /** Matches any format Aliyun accepts for the same number (13800138000, +86..., 0086...). */
  to?: string;
  /** ISO time or epoch ms; only messages sent at or after it. */
  since?: string | number;
  /** Newest first; default 100. */
  limit?: number;
  bizId?: string;
  product?: MessageProduct;
}

/** What a {@link MessageStore} emits: a new message, a status change, or everything cleared. */
export type StoreEvent =
  | { type: 'message'; message: StoredMessage }
  | { type: 'status'; message: StoredMessage }
  | { type: 'clear' };

/** Where the emulator keeps what was sent: {@link MemoryStore}, {@link FileStore}, or your own. It emits {@link StoreEvent}s the inbox page follows. */
export interface MessageStore {
  add(message: StoredMessage): Promise<void>;
  /** Applies a patch (status, errCode, receivedAt) and emits a `status` event. */
  update(
    id: string,
    patch: Partial<Pick<StoredMessage, 'status' | 'errCode' | 'receivedAt'>>,
  ): Promise<StoredMessage | undefined>;
  get(id: string): StoredMessage | undefined;
  list(query?: MessageQuery): StoredMessage[];
  latest(to: string): StoredMessage | undefined;
  clear(): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  close(): Promise<void>;
}
