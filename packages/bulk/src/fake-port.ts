import { aliyunSendDate } from './call.js';
import type { BulkSmsPort, QueryAnswer, SendAnswer, SendDetail } from './port.js';

/** One message the fake accepted. */
export interface FakeSent {
  phone: string;
  outId: string | undefined;
  bizId: string;
  params: Record<string, string> | undefined;
  sendDate: string;
  /** When QuerySendDetails starts listing it (Aliyun's lag, or a call accepted late). */
  visibleAt: number;
}

/** What the fake does with one send call. */
export type FakeVerdict =
  | 'ok'
  | 'lost'
  /** Accepted only `lateMs` after the call (a slow gateway); the caller's answer is lost. */
  | { lateMs: number }
  /** The call never reached Aliyun, but the caller cannot tell (its answer is lost). */
  | 'vanished'
  | Error;

/**
 * An in-memory {@link BulkSmsPort} for tests: records every message and answers QuerySendDetails from
 * them. `script` decides each send: return `'ok'`, throw an error, or `'lost'` (accepted, then the
 * answer is lost: it throws SendOutcomeUnknownError after recording).
 */
export class FakeBulkPort implements BulkSmsPort {
  readonly sent: FakeSent[] = [];
  sendCalls = 0;
  queryCalls = 0;
  private nextBiz = 1;
  script: (call: number) => FakeVerdict = () => 'ok';
  /** Every call (sends and queries), by the fake's clock: for rate checks. */
  readonly callTimes: number[] = [];
  now: () => number = () => Date.now();

  async sendBatchSms(request: Parameters<BulkSmsPort['sendBatchSms']>[0]): Promise<SendAnswer> {
    return this.accept(
      request.messages.map((m) => ({ phone: m.phoneNumber, params: m.templateParam })),
      request.outId,
    );
  }

  async sendSms(request: Parameters<BulkSmsPort['sendSms']>[0]): Promise<SendAnswer> {
    const phones = Array.isArray(request.phoneNumbers) ? request.phoneNumbers : request.phoneNumbers.split(',');
    return this.accept(
      phones.map((phone) => ({ phone, params: request.templateParam })),
      request.outId,
    );
  }

  async querySendDetails(request: Parameters<BulkSmsPort['querySendDetails']>[0]): Promise<QueryAnswer> {
    this.queryCalls += 1;
    this.callTimes.push(this.now());
    const now = this.now();
    const all: SendDetail[] = this.sent
      .filter((s) => s.phone === request.phoneNumber && s.sendDate === request.sendDate && s.visibleAt <= now)
      .map((s) => ({ phoneNum: s.phone, outId: s.outId, bizId: s.bizId, sendStatus: 1, errCode: '' }));
    const start = (request.currentPage - 1) * request.pageSize;
    return {
      totalCount: all.length,
      smsSendDetailDTOs: { smsSendDetailDTO: all.slice(start, start + request.pageSize) },
    };
  }

  private accept(
    messages: Array<{ phone: string; params: Record<string, string> | undefined }>,
    outId?: string,
  ): SendAnswer {
    this.callTimes.push(this.now());
    const verdict = this.script(++this.sendCalls);
    if (verdict instanceof Error) throw verdict;
    const lost = () =>
      Object.assign(new Error('read timeout'), {
        name: 'SendOutcomeUnknownError',
        code: 'ALISMS_OUTCOME_UNKNOWN',
        outId,
      });
    if (verdict === 'vanished') throw lost();
    const bizId = `biz${this.nextBiz++}`;
    const sendDate = aliyunSendDate(this.now());
    const visibleAt = this.now() + (typeof verdict === 'object' ? verdict.lateMs : 0);
    for (const m of messages) this.sent.push({ phone: m.phone, outId, bizId, params: m.params, sendDate, visibleAt });
    if (typeof verdict === 'object') throw lost();
    if (verdict === 'lost')
      throw Object.assign(new Error('read timeout'), {
        name: 'SendOutcomeUnknownError',
        code: 'ALISMS_OUTCOME_UNKNOWN',
        outId,
      });
    return { bizId, requestId: `req${this.sendCalls}` };
  }
}

/** An error shaped like the SMS client's, for scripting fakes. */
export function fakeApiError(name: string, code: string, retryable = false): Error {
  return Object.assign(new Error(`${code}: test`), { name, code, retryable });
}
