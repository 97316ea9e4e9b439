/**
 * The narrow slice of the SMS client that bulk sending needs. `SmsClient` from `alisms` fits it as is;
 * tests pass a hand-written fake.
 */
export interface BulkSmsPort {
  sendBatchSms(request: {
    templateCode: string;
    messages: Array<{ phoneNumber: string; signName: string; templateParam?: Record<string, string> }>;
    outId?: string;
  }): Promise<SendAnswer>;
  sendSms(request: {
    phoneNumbers: string | string[];
    signName: string;
    templateCode: string;
    templateParam?: Record<string, string>;
    outId?: string;
  }): Promise<SendAnswer>;
  querySendDetails(request: {
    phoneNumber: string;
    sendDate: string;
    bizId?: string;
    pageSize: number;
    currentPage: number;
  }): Promise<QueryAnswer>;
}

/** What a send returns: Aliyun's `BizId` (camel-cased by the client) and request id. */
export interface SendAnswer {
  bizId?: string | undefined;
  requestId?: string | undefined;
  code?: string | undefined;
  message?: string | undefined;
}

/** One row of `QuerySendDetails`. */
export interface SendDetail {
  phoneNum?: string | undefined;
  outId?: string | undefined;
  sendStatus?: number | undefined;
  errCode?: string | undefined;
  bizId?: string | undefined;
}

/** The QuerySendDetails answer a {@link BulkSmsPort} gives, in either shape `SmsClient` or the raw API uses. */
export interface QueryAnswer {
  totalCount?: number | string | undefined;
  /** The client may flatten `SmsSendDetailDTOs.SmsSendDetailDTO` or keep Aliyun's nesting. */
  smsSendDetailDTOs?: { smsSendDetailDTO?: SendDetail[] | undefined } | SendDetail[] | undefined;
  details?: SendDetail[] | undefined;
}

/** Extracts the detail list whichever shape the client returns. */
export function detailsOf(answer: QueryAnswer): SendDetail[] {
  if (Array.isArray(answer.details)) return answer.details;
  const dtos = answer.smsSendDetailDTOs;
  if (Array.isArray(dtos)) return dtos;
  return dtos?.smsSendDetailDTO ?? [];
}
