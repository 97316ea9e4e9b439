/** Input of {@link MailClient.singleSendMail}. */
export interface SingleSendMailInput {
  /** Sender address configured in the console (per region). */
  accountName: string;
  /** 0 random account, 1 the sender address. @default 1 */
  addressType?: 0 | 1;
  /** Use the verified reply-to address configured in the console. @default false */
  replyToAddress?: boolean;
  /** Up to 100 recipients: an array or a comma-separated string. */
  toAddress: string | readonly string[];
  /** ≤ 100 characters. */
  subject: string;
  /** One of `htmlBody` / `textBody` is required. */
  htmlBody?: string;
  textBody?: string;
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
export interface BatchSendMailInput {
  accountName: string;
  /** @default 1 */
  addressType?: 0 | 1;
  /** An approved template name (≤ 30 characters). */
  templateName: string;
  /** A recipient list created in the console. */
  receiversName: string;
  tagName?: string;
  clickTrace?: boolean;
  replyAddress?: string;
  replyAddressAlias?: string;
}

/** What `MailClient.singleSendMail` and `batchSendMail` return. */
export interface SendMailResult {
  /** Aliyun's id of the send. */
  envId: string;
  requestId: string;
  /** The wire body as Aliyun sent it. */
  raw: Readonly<Record<string, unknown>>;
}
