import type { AliyunBody } from '../transport/error-factory.js';
import type { CallOptions, ClientOptions } from '../transport/options.js';
import { RpcClient } from '../transport/rpc-client.js';
import { DYPNS_ENDPOINTS } from './endpoints.js';
import type {
  CheckSmsVerifyCodeInput,
  CheckSmsVerifyCodeResult,
  SendSmsVerifyCodeInput,
  SendSmsVerifyCodeResult,
} from './types.js';
import { checkSmsVerifyCodeParams, sendSmsVerifyCodeParams } from './validate.js';

/** Dypnsapi's API version: the same string as dysmsapi's, a different product and host. */
export const DYPNS_API_VERSION = '2017-05-25';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function model(body: AliyunBody): Record<string, unknown> {
  const m = body.Model;
  return m !== null && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, unknown>) : {};
}

/**
 * Aliyun's managed verification codes (Dypnsapi 2017-05-25, 号码认证服务 短信认证): system signs and
 * templates with no review, Aliyun generates and checks the code. Inputs are validated before any I/O
 * (`InvalidArgumentError`); a `Code` other than `OK` throws `AliyunApiError` with Aliyun's code, e.g.
 * `BUSINESS_LIMIT_CONTROL` (sent again within `interval`).
 *
 * @example
 * const dypns = new DypnsClient({ accessKeyId: 'LTAI…', accessKeySecret: '…' });
 * await dypns.sendSmsVerifyCode({ phoneNumber: '13800138000', signName: '速通互联验证码', templateCode: '100001' });
 * const { passed } = await dypns.checkSmsVerifyCode({ phoneNumber: '13800138000', verifyCode: '1234' });
 */
export class DypnsClient {
  private readonly rpc: RpcClient;

  constructor(options: ClientOptions = {}) {
    this.rpc = new RpcClient({ version: DYPNS_API_VERSION, endpoints: DYPNS_ENDPOINTS }, options);
  }

  /** Closes the keep-alive connections this client opened. */
  close(): void {
    this.rpc.close();
  }

  /**
   * SendSmsVerifyCode: sends a code (Aliyun's, or yours as a literal `templateParam` value). Never retried
   * once written: a lost answer is a `SendOutcomeUnknownError`, as for SendSms.
   */
  async sendSmsVerifyCode(input: SendSmsVerifyCodeInput, options?: CallOptions): Promise<SendSmsVerifyCodeResult> {
    const query = sendSmsVerifyCodeParams(input);
    const { body, requestId } = await this.rpc.call(
      { action: 'SendSmsVerifyCode', query, idempotent: false, outId: query.OutId },
      options,
    );
    const m = model(body);
    return {
      bizId: text(m.BizId) ?? '',
      outId: text(m.OutId) ?? query.OutId,
      verifyCode: text(m.VerifyCode),
      requestId,
      raw: body,
    };
  }

  /**
   * CheckSmsVerifyCode: whether `verifyCode` is a valid code for the number (and scheme). A wrong, expired or
   * used code resolves `{ passed: false }`; only a failed call throws. Retried like a query: a check has no
   * side effect on Aliyun's side that a second ask would repeat.
   */
  async checkSmsVerifyCode(input: CheckSmsVerifyCodeInput, options?: CallOptions): Promise<CheckSmsVerifyCodeResult> {
    const query = checkSmsVerifyCodeParams(input);
    const { body, requestId } = await this.rpc.call({ action: 'CheckSmsVerifyCode', query, idempotent: true }, options);
    const m = model(body);
    const verifyResult = m.VerifyResult === 'PASS' ? 'PASS' : 'UNKNOWN';
    return { verifyResult, passed: verifyResult === 'PASS', outId: text(m.OutId) ?? query.OutId, requestId, raw: body };
  }
}
