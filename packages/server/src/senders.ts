import type { OtpSendContext, OtpSender } from '@alisms/otp';
import type { MailClient, SmsClient } from 'alisms';
import { type Clock, systemClock } from 'alisms';
import type { ReceiptStore } from './receipts/types.js';

/** What the code messages look like. */
export interface SenderSettings {
  sms?: { signName: string; templateCode: string; codeParam: string };
  mail?: { accountName: string; fromAlias?: string | undefined; subject: string };
}

/** Thrown into the OTP library when a channel has no sender configured; it becomes a provider refusal. */
class ChannelNotConfiguredError extends Error {
  override name = 'ChannelNotConfiguredError';
  readonly code: string;
  constructor(channel: string) {
    super(`the ${channel} channel is not configured`);
    this.code = `ALISMS_${channel.toUpperCase()}_NOT_CONFIGURED`;
  }
}

/**
 * The OTP library's sender port over the SDK clients: SMS through `SmsClient.sendSms` (the send id
 * becomes the `OutId`, the BizId is tracked for receipts), e-mail through `MailClient.singleSendMail`.
 */
export function createOtpSender(options: {
  sms?: SmsClient | undefined;
  mail?: MailClient | undefined;
  settings: SenderSettings;
  receipts?: ReceiptStore;
  clock?: Clock;
  /** Told which message (BizId) carried each SMS code, for conversion reports. Must not throw. */
  onSmsSent?: (to: string, purpose: string, bizId: string) => void;
}): OtpSender {
  const clock = options.clock ?? systemClock;
  return {
    async sendSms(to: string, code: string, ctx: OtpSendContext) {
      const settings = options.settings.sms;
      if (!options.sms || !settings) throw new ChannelNotConfiguredError('sms');
      const result = await options.sms.sendSms({
        phoneNumbers: to,
        signName: settings.signName,
        templateCode: settings.templateCode,
        templateParam: { [settings.codeParam]: code },
        outId: ctx.sendId,
      });
      // Tracking is a convenience for the poller and /v1/messages; it must not fail a send that went out.
      await options.receipts?.track({ bizId: result.bizId, phoneNumber: to, sentAt: clock.now() }).catch(() => {});
      options.onSmsSent?.(to, ctx.purpose, result.bizId);
      return result;
    },
    async sendEmail(to: string, code: string, ctx: OtpSendContext) {
      const settings = options.settings.mail;
      if (!options.mail || !settings) throw new ChannelNotConfiguredError('email');
      return options.mail.singleSendMail({
        accountName: settings.accountName,
        addressType: 1,
        toAddress: to,
        subject: settings.subject,
        textBody: `Your verification code is ${code}. It is valid for ${ctx.ttlMinutes} minutes. If you did not ask for it, ignore this message.`,
        ...(settings.fromAlias ? { fromAlias: settings.fromAlias } : {}),
      });
    },
  };
}
