/** A file attached to a SingleSendMail: Aliyun fetches it from `url` (upload it first, e.g. to OSS). */
export interface MailAttachmentInput {
  /** The file name the recipient sees, e.g. `invoice.pdf`. */
  name: string;
  /** Where Aliyun reads the file: an `https://` (or `http://`) URL it can reach. The SDK does not upload files. */
  url: string;
}

/** A stored Direct Mail template and the values of its variables (SingleSendMail `Template`). */
export interface MailTemplateInput {
  /** The template's id in the Direct Mail console. */
  templateId: string;
  /** Variable name → value. */
  templateData?: Readonly<Record<string, string>>;
}

/** Whether Aliyun adds an unsubscribe link: `disabled`, or `default` (for batch mail to the big webmail domains). */
export type UnSubscribeLinkType = 'disabled' | 'default';
/** Which unsubscribes filter this mail: none, Aliyun's default, per sender address, per sender domain, or per account. */
export type UnSubscribeFilterLevel = 'disabled' | 'default' | 'mailfrom' | 'mailfrom_domain' | 'edm_id';

/** Options SingleSendMail and BatchSendMail share (the newer fields of the official request models). */
export interface MailSendOptions {
  /**
   * Extra message headers, at most 10: `Message-ID`, `List-Unsubscribe`, `List-Unsubscribe-Post`, or names
   * starting `X-User-` (`X-User-Notify-` ones are also pushed to EventBridge/MNS). Sent as Aliyun's JSON string.
   */
  headers?: Readonly<Record<string, string>>;
  /** A dedicated IP pool's id (only with dedicated IPs). */
  ipPoolId?: string;
  /** Domain-level authentication: `accountName` is then your domain. */
  domainAuth?: boolean;
  /** @default Aliyun's `default` */
  unSubscribeLinkType?: UnSubscribeLinkType;
  /** @default Aliyun's `default` */
  unSubscribeFilterLevel?: UnSubscribeFilterLevel;
}

/** Input of {@link MailClient.singleSendMail}. */
export interface SingleSendMailInput extends MailSendOptions {
  /** Sender address configured in the console (per region). */
  accountName: string;
  /** 0 random account, 1 the sender address. @default 1 */
  addressType?: 0 | 1;
  /** Use the verified reply-to address configured in the console. @default false */
  replyToAddress?: boolean;
  /** Up to 100 recipients: an array or a comma-separated string. */
  toAddress: string | readonly string[];
  /** Up to 2 blind-copy recipients (no tracking for them): an array or a comma-separated string. */
  bccAddress?: string | readonly string[];
  /** ≤ 100 characters. */
  subject: string;
  /** One of `htmlBody` / `textBody` / `template` is required. */
  htmlBody?: string;
  /** The plain-text body. */
  textBody?: string;
  /** Send a stored template instead of a body. */
  template?: MailTemplateInput;
  /** Up to 10 files, fetched by Aliyun from their URLs. */
  attachments?: readonly MailAttachmentInput[];
  /** Sender nickname, fewer than 15 characters. */
  fromAlias?: string;
  /** 1–128 characters of `A-Z a-z 0-9 _ -`; required when tracking is on. */
  tagName?: string;
  /** Track clicks. @default false */
  clickTrace?: boolean;
  /** A reply-to address other than the console one. */
  replyAddress?: string;
  /** ≤ 15 characters. */
  replyAddressAlias?: string;
}

/** Input of {@link MailClient.batchSendMail}: an approved template to a stored recipient list. */
export interface BatchSendMailInput extends MailSendOptions {
  /** Sender address configured in the console (per region). */
  accountName: string;
  /** 0 random account, 1 the sender address. @default 1 */
  addressType?: 0 | 1;
  /** An approved template name (≤ 30 characters). */
  templateName: string;
  /** A recipient list created in the console. */
  receiversName: string;
  /** 1–128 characters of `A-Z a-z 0-9 _ -`. */
  tagName?: string;
  /** Track clicks. @default false */
  clickTrace?: boolean;
  /** A reply-to address other than the console one. */
  replyAddress?: string;
  /** ≤ 15 characters. */
  replyAddressAlias?: string;
}

/** What `MailClient.singleSendMail` and `batchSendMail` return. */
export interface SendMailResult {
  /** Aliyun's id of the send. */
  envId: string;
  /** Aliyun's RequestId. */
  requestId: string;
  /** The wire body as Aliyun sent it. */
  raw: Readonly<Record<string, unknown>>;
}
