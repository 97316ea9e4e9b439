import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import type { EndpointRules } from '../transport/endpoint.js';
import type { CallOptions, ClientOptions } from '../transport/options.js';
import { RpcClient } from '../transport/rpc-client.js';
import type { BatchSendMailInput, SendMailResult, SingleSendMailInput } from './types.js';
import {
  addressType,
  checkAddress,
  checkRecipients,
  checkTagName,
  defined,
  FROM_ALIAS_LIMIT,
  MAX_SUBJECT_LENGTH,
  maxLength,
  required,
} from './validate.js';

/** The Direct Mail (dm) API version `MailClient` calls. */
export const MAIL_API_VERSION = '2015-11-23';

/** Direct Mail endpoints; the official SDK has no map and defaults to `dm.aliyuncs.com`. */
export const MAIL_ENDPOINTS: EndpointRules = {
  product: 'dm',
  defaultHost: 'dm.aliyuncs.com',
  regions: {
    'cn-hangzhou': 'dm.aliyuncs.com',
    'ap-southeast-1': 'dm.ap-southeast-1.aliyuncs.com',
    'ap-southeast-2': 'dm.ap-southeast-2.aliyuncs.com',
    'us-east-1': 'dm.us-east-1.aliyuncs.com',
    'eu-central-1': 'dm.eu-central-1.aliyuncs.com',
  },
};

/**
 * Direct Mail (dm 2015-11-23). Unlike SMS, its business errors are HTTP 4xx; both throw `AliyunApiError`.
 *
 * @example
 * const mail = new MailClient({ regionId: 'cn-hangzhou' });
 * await mail.singleSendMail({ accountName: 'noreply@mail.example.com', toAddress: 'a@example.com',
 *   subject: 'Hi', textBody: 'Hello' });
 */
export class MailClient {
  private readonly rpc: RpcClient;

  constructor(options: ClientOptions = {}) {
    this.rpc = new RpcClient({ version: MAIL_API_VERSION, endpoints: MAIL_ENDPOINTS }, options);
  }

  /** Closes the keep-alive connections this client opened. */
  close(): void {
    this.rpc.close();
  }

  /** SingleSendMail: one message to up to 100 addresses. Parameters go in the form body. */
  async singleSendMail(input: SingleSendMailInput, options?: CallOptions): Promise<SendMailResult> {
    if (input.htmlBody === undefined && input.textBody === undefined)
      throw new InvalidArgumentError('htmlBody', 'give htmlBody or textBody');
    const subject = required(input.subject, 'subject');
    maxLength(subject, 'subject', MAX_SUBJECT_LENGTH);
    if (input.fromAlias !== undefined) maxLength(input.fromAlias, 'fromAlias', FROM_ALIAS_LIMIT - 1);
    const form = defined({
      AccountName: checkAddress(input.accountName, 'accountName'),
      AddressType: addressType(input.addressType),
      ReplyToAddress: String(input.replyToAddress ?? false),
      ToAddress: checkRecipients(input.toAddress, 'toAddress').join(','),
      Subject: subject,
      HtmlBody: input.htmlBody,
      TextBody: input.textBody,
      FromAlias: input.fromAlias,
      TagName: checkTagName(input.tagName),
      ClickTrace: input.clickTrace === undefined ? undefined : input.clickTrace ? '1' : '0',
      ReplyAddress: input.replyAddress === undefined ? undefined : checkAddress(input.replyAddress, 'replyAddress'),
      ReplyAddressAlias: maxLength(input.replyAddressAlias, 'replyAddressAlias', 15),
    });
    const { body, requestId } = await this.rpc.call(
      { action: 'SingleSendMail', query: {}, form, idempotent: false },
      options,
    );
    return { envId: typeof body.EnvId === 'string' ? body.EnvId : String(body.EnvId ?? ''), requestId, raw: body };
  }

  /** BatchSendMail: an approved template to a stored recipient list. Parameters go in the query. */
  async batchSendMail(input: BatchSendMailInput, options?: CallOptions): Promise<SendMailResult> {
    const query = defined({
      AccountName: checkAddress(input.accountName, 'accountName'),
      AddressType: addressType(input.addressType),
      TemplateName: maxLength(required(input.templateName, 'templateName'), 'templateName', 30),
      ReceiversName: required(input.receiversName, 'receiversName'),
      TagName: checkTagName(input.tagName),
      ClickTrace: input.clickTrace === undefined ? undefined : input.clickTrace ? '1' : '0',
      ReplyAddress: input.replyAddress === undefined ? undefined : checkAddress(input.replyAddress, 'replyAddress'),
      ReplyAddressAlias: maxLength(input.replyAddressAlias, 'replyAddressAlias', 15),
    });
    const { body, requestId } = await this.rpc.call({ action: 'BatchSendMail', query, idempotent: false }, options);
    return { envId: typeof body.EnvId === 'string' ? body.EnvId : String(body.EnvId ?? ''), requestId, raw: body };
  }
}
