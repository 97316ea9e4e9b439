/**
 * What the emulator keeps of every accepted message, and the events its page, SSE stream and
 * receipt pusher subscribe to. This shape is also the JSON of `/_emulator/api/messages`.
 */
/** Which API accepted the message. `dypns`: a code sent by Dypnsapi's SendSmsVerifyCode (an SMS, kept apart from dysmsapi's for its queries). */
export type MessageProduct = 'sms' | 'intl' | 'mail' | 'dypns';
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
  /** The conversion feedback the sender reported for this message (SmsConversion, SmsConversionIntl). */
  conversion?: { delivered: boolean /** ISO 8601 UTC. */; conversionTime: string };
  /** Direct Mail only. */
  mail?: {
    from: string;
    fromAlias?: string;
    subject: string;
    htmlBody?: string;
    textBody?: string;
    replyToAddress?: boolean;
    tagName?: string;
    /** The BCC list of the send (shown on every copy; the BCC recipients' own copies have `bcc: true`). */
    bccAddress?: string[];
    /** This copy went to a BCC recipient. */
    bcc?: boolean;
    /** Attachments: a `url` as SingleSendMail gave it, `content` (base64) when the emulator has the bytes. */
    attachments?: MailAttachmentRecord[];
    /** Extra headers from `Headers` (the first 10, as Aliyun applies them). */
    headers?: Record<string, string>;
    /** The stored template a SingleSendMail `Template` (or BatchSendMail) rendered. */
    templateId?: string;
    /** Sending options as given: IpPoolId, DomainAuth, UnSubscribeLinkType, UnSubscribeFilterLevel, ClickTrace. */
    options?: Record<string, string>;
  };
}

/** One attachment of a stored mail. */
export interface MailAttachmentRecord {
  filename: string;
  /** Where SingleSendMail said the file is (`AttachmentUrl`). */
  url?: string;
  contentType?: string;
  /** The bytes in base64, when known (a `data:` URL, or a mail stored through the API). */
  content?: string;
}

/**
 * The call that created a message, as the emulator received it, and what it answered: the inbox's
 * raw view. Secrets are already redacted when the store gets it (see `inspect/raw-exchange.ts`).
 */
export interface RawExchange {
  request: {
    method: string;
    action?: string;
    version?: string;
    /** `rpc` (RPC v1, `Signature` parameter) or `v3` (ACS3 `Authorization` header). */
    scheme: 'rpc' | 'v3';
    /** Query and form parameters merged, as the action read them. */
    params: Record<string, string>;
    headers: Record<string, string>;
  };
  response: { status: number; body: Record<string, unknown> };
}

/** Filters of `MessageStore.list` (and of the inspection API): recipient, product, status, time, text, paging. */
export interface MessageQuery {
  /** Matches any format Aliyun accepts for the same number (13800138000, +86..., 0086...). */
  to?: string;
  /** ISO time or epoch ms; only messages sent at or after it. */
  since?: string | number;
  /** Newest first; default 100. */
  limit?: number;
  bizId?: string;
  product?: MessageProduct;
  status?: MessageStatus;
  /** Paging: only messages older than the message with this id (ids grow with sending order). */
  before?: string;
}

/** What a {@link MessageStore} emits: a new message, a status change, or everything cleared. */
export type StoreEvent =
  | { type: 'message'; message: StoredMessage }
  | { type: 'status'; message: StoredMessage }
  | { type: 'delete'; ids: string[] }
  | { type: 'clear' };

/** Where the emulator keeps what was sent: {@link MemoryStore}, {@link FileStore}, or your own. It emits {@link StoreEvent}s the inbox page follows. */
export interface MessageStore {
  add(message: StoredMessage): Promise<void>;
  /** Applies a patch (status, errCode, receivedAt, conversion) and emits a `status` event. */
  update(
    id: string,
    patch: Partial<Pick<StoredMessage, 'status' | 'errCode' | 'receivedAt' | 'conversion'>>,
  ): Promise<StoredMessage | undefined>;
  get(id: string): StoredMessage | undefined;
  list(query?: MessageQuery): StoredMessage[];
  latest(to: string): StoredMessage | undefined;
  clear(): Promise<void>;
  /** Deletes these messages (unknown ids are ignored), emits one `delete` event; returns the ids removed. */
  remove(ids: readonly string[]): Promise<string[]>;
  /** Keeps the raw exchange of the call that created these messages (one object, shared). */
  setRaw(ids: readonly string[], raw: RawExchange): Promise<void>;
  /** The raw exchange behind a message, when the store kept it. */
  getRaw(id: string): RawExchange | undefined;
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  close(): Promise<void>;
}
