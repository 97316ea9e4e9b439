import type { EndpointRules } from '../transport/endpoint.js';
import type { CallOptions, ClientOptions } from '../transport/options.js';
import { RpcClient } from '../transport/rpc-client.js';
import { batchSendMailQuery, singleSendMailForm } from './send-params.js';
import type { BatchSendMailInput, SendMailResult, SingleSendMailInput } from './types.js';
import {
  accountSummary,
  byTagQuery,
  dailyStats,
  deliveryDetails,
  detailQuery,
  mailAddressQuery,
  senderAddresses,
  wireNumber,
  wireString,
} from './watch.js';
import type {
  MailAccountSummary,
  QueryMailAddressInput,
  QueryMailAddressResult,
  SenderStatisticsByTagInput,
  SenderStatisticsByTagResult,
  SenderStatisticsDetailInput,
  SenderStatisticsDetailResult,
} from './watch-types.js';

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
    // Direct Mail's success carries no Code (errors do): its success rule.
    this.rpc = new RpcClient({ version: MAIL_API_VERSION, endpoints: MAIL_ENDPOINTS, success: 'no-code' }, options);
  }

  /** Closes the keep-alive connections this client opened. */
  close(): void {
    this.rpc.close();
  }

  /**
   * SingleSendMail: one message to up to 100 addresses (and 2 BCC), with a body or a stored template,
   * attachments by URL and extra headers. Parameters go in the form body.
   */
  async singleSendMail(input: SingleSendMailInput, options?: CallOptions): Promise<SendMailResult> {
    const form = singleSendMailForm(input);
    const { body, requestId } = await this.rpc.call(
      { action: 'SingleSendMail', query: {}, form, idempotent: false },
      options,
    );
    return { envId: wireString(body.EnvId), requestId, raw: body };
  }

  /** BatchSendMail: an approved template to a stored recipient list. Parameters go in the query. */
  async batchSendMail(input: BatchSendMailInput, options?: CallOptions): Promise<SendMailResult> {
    const query = batchSendMailQuery(input);
    const { body, requestId } = await this.rpc.call({ action: 'BatchSendMail', query, idempotent: false }, options);
    return { envId: wireString(body.EnvId), requestId, raw: body };
  }

  /**
   * SenderStatisticsDetailByParam: each message's delivery (status, the receiving server's answer), one page.
   *
   * @example
   * const { details, nextStart } = await mail.senderStatisticsDetailByParam({ toAddress: 'a@example.com' });
   */
  async senderStatisticsDetailByParam(
    input: SenderStatisticsDetailInput = {},
    options?: CallOptions,
  ): Promise<SenderStatisticsDetailResult> {
    const query = detailQuery(input, Date.now());
    const { body, requestId } = await this.rpc.call(
      { action: 'SenderStatisticsDetailByParam', query, idempotent: true },
      options,
    );
    const next = wireString(body.NextStart);
    return { details: deliveryDetails(body), ...(next ? { nextStart: next } : {}), requestId, raw: body };
  }

  /** SenderStatisticsByTagNameAndBatchID: sent, delivered, failed and invalid counts per day (7 days at most). */
  async senderStatisticsByTagNameAndBatchID(
    input: SenderStatisticsByTagInput,
    options?: CallOptions,
  ): Promise<SenderStatisticsByTagResult> {
    const query = byTagQuery(input);
    const { body, requestId } = await this.rpc.call(
      { action: 'SenderStatisticsByTagNameAndBatchID', query, idempotent: true },
      options,
    );
    return { totalCount: wireNumber(body.TotalCount), stats: dailyStats(body), requestId, raw: body };
  }

  /** DescAccountSummary: the daily and monthly quota, what is left of the free quota, and the account's counts. */
  async descAccountSummary(options?: CallOptions): Promise<MailAccountSummary> {
    const { body, requestId } = await this.rpc.call(
      { action: 'DescAccountSummary', query: {}, idempotent: true },
      options,
    );
    return { ...accountSummary(body), requestId, raw: body };
  }

  /** QueryMailAddressByParam: the sender addresses, their status and today's and this month's counts. */
  async queryMailAddressByParam(
    input: QueryMailAddressInput = {},
    options?: CallOptions,
  ): Promise<QueryMailAddressResult> {
    const query = mailAddressQuery(input);
    const { body, requestId } = await this.rpc.call(
      { action: 'QueryMailAddressByParam', query, idempotent: true },
      options,
    );
    return {
      addresses: senderAddresses(body),
      totalCount: wireNumber(body.TotalCount),
      pageNumber: wireNumber(body.PageNumber),
      pageSize: wireNumber(body.PageSize),
      requestId,
      raw: body,
    };
  }
}
