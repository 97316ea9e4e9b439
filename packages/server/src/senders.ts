import type { OtpSendContext, OtpSender } from '@alisms/otp';
import type { IntlSmsClient, MailClient, SmsClient } from 'alisms';
import { type Clock, renderTemplate, systemClock } from 'alisms';
import type { ReceiptStore } from './receipts/types.js';
import { createTemplateBook, type TemplateBook } from './templates/book.js';
import { renderEmail } from './templates/render-email.js';

/** What the code messages look like when no per-purpose templates are given. */
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

/** Mainland China numbers always go through SendSms; others through the international API when it has a text. */
function isMainland(e164: string): boolean {
  return e164.startsWith('+86');
}

/**
 * The OTP library's sender port over the SDK clients: mainland SMS through `SmsClient.sendSms` (the send id
 * becomes the `OutId`, the BizId is tracked for receipts), other numbers through
 * `IntlSmsClient.sendMessageToGlobe` when `templates` has an international text (else SendSms), e-mail through `MailClient.singleSendMail`. With `templates`, the sign,
 * template, text and subject are chosen per purpose and locale; otherwise `settings` hold one of each.
 */
export function createOtpSender(options: {
  sms?: SmsClient | undefined;
  /** Sends to numbers outside mainland China (needs `templates` with an `intl` text). */
  intl?: IntlSmsClient | undefined;
  mail?: MailClient | undefined;
  settings: SenderSettings;
  /** Templates per purpose and locale; overrides the sign, template and subject of `settings`. */
  templates?: TemplateBook | undefined;
  receipts?: ReceiptStore;
  clock?: Clock;
  /** The named service these codes are for: tracked sends carry it, so its key alone reads their receipts. */
  service?: string | undefined;
  /** Told which message (BizId) carried each SMS code, for conversion reports. Must not throw. */
  onSmsSent?: (to: string, purpose: string, bizId: string) => void;
}): OtpSender {
  const clock = options.clock ?? systemClock;
  const { settings } = options;
  const book =
    options.templates ??
    createTemplateBook(
      { sms: {}, intl: {}, email: {} },
      {
        signName: settings.sms?.signName,
        templateCode: settings.sms?.templateCode,
        codeParam: settings.sms?.codeParam ?? 'code',
        subject: settings.mail?.subject ?? 'Your verification code',
      },
    );
  return {
    async sendSms(to: string, code: string, ctx: OtpSendContext) {
      const intlTemplate = isMainland(to) ? undefined : book.intl(ctx.purpose, ctx.locale, ctx.country);
      // Without an international text, other numbers go through SendSms as they always did (an international
      // template reviewed for the 2017-05-25 API), so configurations from before `templates.intl` keep working.
      if (intlTemplate) {
        if (!options.intl) throw new ChannelNotConfiguredError('intl_sms');
        const values = { code, minutes: String(ctx.ttlMinutes), purpose: ctx.purpose };
        return options.intl.sendMessageToGlobe({
          to,
          message: renderTemplate(intlTemplate.text, values).text,
          type: 'OTP',
          taskId: ctx.sendId,
          ...(intlTemplate.from ? { from: intlTemplate.from } : {}),
        });
      }
      const template = book.sms(ctx.purpose, ctx.locale);
      if (!options.sms || !template) throw new ChannelNotConfiguredError('sms');
      const result = await options.sms.sendSms({
        phoneNumbers: to,
        signName: template.signName,
        templateCode: template.templateCode,
        templateParam: { [template.codeParam]: code },
        outId: ctx.sendId,
      });
      // Tracking is a convenience for the poller and /v1/messages; it must not fail a send that went out.
      await options.receipts
        ?.track({
          bizId: result.bizId,
          phoneNumber: to,
          sentAt: clock.now(),
          ...(options.service === undefined ? {} : { service: options.service }),
        })
        .catch(() => {});
      options.onSmsSent?.(to, ctx.purpose, result.bizId);
      return result;
    },
    async sendEmail(to: string, code: string, ctx: OtpSendContext) {
      const account = settings.mail;
      if (!options.mail || !account) throw new ChannelNotConfiguredError('email');
      const message = renderEmail(book.email(ctx.purpose, ctx.locale), {
        code,
        minutes: String(ctx.ttlMinutes),
        purpose: ctx.purpose,
      });
      return options.mail.singleSendMail({
        accountName: account.accountName,
        addressType: 1,
        toAddress: to,
        subject: message.subject,
        textBody: message.text,
        ...(message.html === undefined ? {} : { htmlBody: message.html }),
        ...(account.fromAlias ? { fromAlias: account.fromAlias } : {}),
      });
    },
  };
}
