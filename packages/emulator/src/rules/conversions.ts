/** One SmsConversionIntl report: whether the user acted on the message (used the code) and when. */
export interface ConversionReport {
  messageId: string;
  delivered: boolean;
  /** Epoch ms the user converted (Aliyun's `ConversionTime`). */
  conversionTime: number;
  reportedAt: number;
}

/** One ConversionDataIntl report: the account's conversion rate for a time. */
export interface ConversionRateReport {
  /** `0.53` and the like, as sent. */
  conversionRate: string;
  reportTime: number;
  reportedAt: number;
}

/** The conversion feedback an emulator received, for the inspection API and the statistics. */
export class Conversions {
  readonly messages = new Map<string, ConversionReport>();
  readonly rates: ConversionRateReport[] = [];
}
