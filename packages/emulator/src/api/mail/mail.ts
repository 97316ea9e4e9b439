import { extractCode } from '../../rules/template.js';
import type { StoredMessage } from '../../store/types.js';
import { GatewayError } from '../../wire/errors.js';
import { newEnvId } from '../../wire/ids.js';
import { type ActionContext, required } from '../context.js';
import { ADDRESS, attachmentList, bccList, headerMap, renderMailTemplate, sendOptions, templateRef } from './fields.js';

const TAG = /^[A-Za-z0-9_-]{1,128}$/;

function checkSender(ctx: ActionContext): string {
  const account = required(ctx.params, 'AccountName');
  const senders = ctx.state.config.mail.senders;
  const known =
    senders.length === 0 ? ADDRESS.test(account) : senders.some((s) => s.toLowerCase() === account.toLowerCase());
  if (!known) throw new GatewayError(404, 'InvalidMailAddress.NotFound', 'The specified mail address is not found.');
  const type = required(ctx.params, 'AddressType');
  if (type !== '0' && type !== '1')
    throw new GatewayError(400, 'InvalidAddressType', 'Specified parameter AddressType is not valid. Use 0 or 1.');
  return account;
}

function checkTag(tag: string | undefined): void {
  if (tag !== undefined && tag !== '' && !TAG.test(tag))
    throw new GatewayError(400, 'InvalidTagName.Malformed', 'The specified tag name is malformed.');
}

function stripHtml(html: string): string {
  return html.replace(/<[^>]*>/g, ' ');
}

async function storeMail(ctx: ActionContext, to: string, mail: NonNullable<StoredMessage['mail']>, envId: string) {
  const code = extractCode(undefined, `${mail.textBody ?? stripHtml(mail.htmlBody ?? '')} ${mail.subject}`);
  const message: StoredMessage = {
    id: ctx.state.nextMessageId(),
    product: 'mail',
    action: ctx.request.action ?? 'SingleSendMail',
    to,
    toKey: to.toLowerCase(),
    content: mail.subject,
    segments: 1,
    envId,
    status: 'waiting',
    sentAt: new Date(ctx.state.clock.now()).toISOString(),
    mail,
    ...(code ? { code } : {}),
    ...(mail.tagName ? { taskId: mail.tagName } : {}),
  };
  await ctx.state.store.add(message);
}

type MailRecord = NonNullable<StoredMessage['mail']>;

/** The fields SingleSendMail and BatchSendMail share: tag, headers and the sending options. */
function commonFields(ctx: ActionContext, mail: MailRecord): void {
  const p = ctx.params;
  checkTag(p.TagName);
  if (p.TagName) mail.tagName = p.TagName;
  const headers = headerMap(p.Headers);
  if (headers) mail.headers = headers;
  const options = sendOptions(p);
  if (options) mail.options = options;
}

/**
 * SingleSendMail: up to 100 comma-separated recipients and 2 BCC; one stored message each, one EnvId. A
 * `Template` renders the stored template with its TemplateData instead of HtmlBody/TextBody.
 */
export async function singleSendMail(ctx: ActionContext) {
  const p = ctx.params;
  const from = checkSender(ctx);
  const replyTo = required(p, 'ReplyToAddress');
  const toAddress = required(p, 'ToAddress');
  const template = templateRef(p.Template, ctx.state.config.mail);
  const subject =
    template && !p.Subject ? renderMailTemplate(template.template.subject, template.data) : required(p, 'Subject');
  const recipients = toAddress
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (recipients.length === 0 || recipients.length > 100 || !recipients.every((a) => ADDRESS.test(a)))
    throw new GatewayError(400, 'InvalidToAddress', 'The specified ToAddress is invalid (at most 100 addresses).');
  const bcc = bccList(p.BccAddress);
  if ([...subject].length > 100)
    throw new GatewayError(400, 'InvalidSubject.Malformed', 'The specified subject is longer than 100 characters.');
  if (!p.HtmlBody && !p.TextBody && !template)
    throw new GatewayError(400, 'InvalidBody', 'HtmlBody, TextBody or Template is required.');
  if (p.FromAlias && [...p.FromAlias].length > 15)
    throw new GatewayError(400, 'InvalidFromAlias.Malformed', 'The specified FromAlias is longer than 15 characters.');
  const mail: MailRecord = { from, subject, replyToAddress: replyTo === 'true' };
  if (p.FromAlias) mail.fromAlias = p.FromAlias;
  const html = template ? template.template.htmlBody : p.HtmlBody;
  const text = template ? template.template.textBody : p.TextBody;
  if (html) mail.htmlBody = template ? renderMailTemplate(html, template.data) : html;
  if (text) mail.textBody = template ? renderMailTemplate(text, template.data) : text;
  if (template) mail.templateId = template.template.id;
  if (bcc.length > 0) mail.bccAddress = bcc;
  const attachments = attachmentList(p);
  if (attachments.length > 0) mail.attachments = attachments;
  commonFields(ctx, mail);
  const envId = newEnvId();
  for (const to of recipients) await storeMail(ctx, to, mail, envId);
  for (const to of bcc) await storeMail(ctx, to, { ...mail, bcc: true }, envId);
  return { EnvId: envId };
}

/** BatchSendMail: a template and a receiver list defined in the config (`mail.templates`, `mail.receivers`). */
export async function batchSendMail(ctx: ActionContext) {
  const p = ctx.params;
  const from = checkSender(ctx);
  const templateName = required(p, 'TemplateName');
  const receiversName = required(p, 'ReceiversName');
  if ([...templateName].length > 30)
    throw new GatewayError(400, 'InvalidTemplateName.Malformed', 'The specified template name is malformed.');
  const { templates, receivers } = ctx.state.config.mail;
  const template = templates.find((t) => t.name === templateName);
  if (!template) throw new GatewayError(404, 'InvalidTemplate.NotFound', 'The specified template is not found.');
  const list = receivers.find((r) => r.name === receiversName);
  if (!list) throw new GatewayError(404, 'InvalidReceiver.NotFound', 'The specified receiver list is not found.');
  const mail: MailRecord = { from, subject: template.subject, templateId: template.id };
  if (template.htmlBody) mail.htmlBody = template.htmlBody;
  if (template.textBody) mail.textBody = template.textBody;
  commonFields(ctx, mail);
  const envId = newEnvId();
  for (const to of list.addresses) await storeMail(ctx, to, mail, envId);
  return { EnvId: envId };
}
