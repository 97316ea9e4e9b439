import { extractCode } from '../../rules/template.js';
import type { StoredMessage } from '../../store/types.js';
import { GatewayError } from '../../wire/errors.js';
import { newEnvId } from '../../wire/ids.js';
import { type ActionContext, required } from '../context.js';

const ADDRESS = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;
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

/** SingleSendMail: up to 100 comma-separated recipients; one stored message each, one EnvId. */
export async function singleSendMail(ctx: ActionContext) {
  const p = ctx.params;
  const from = checkSender(ctx);
  const replyTo = required(p, 'ReplyToAddress');
  const toAddress = required(p, 'ToAddress');
  const subject = required(p, 'Subject');
  const recipients = toAddress
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (recipients.length === 0 || recipients.length > 100 || !recipients.every((a) => ADDRESS.test(a)))
    throw new GatewayError(400, 'InvalidToAddress', 'The specified ToAddress is invalid (at most 100 addresses).');
  if ([...subject].length > 100)
    throw new GatewayError(400, 'InvalidSubject.Malformed', 'The specified subject is longer than 100 characters.');
  if (!p.HtmlBody && !p.TextBody) throw new GatewayError(400, 'InvalidBody', 'HtmlBody or TextBody is required.');
  if (p.FromAlias && [...p.FromAlias].length > 15)
    throw new GatewayError(400, 'InvalidFromAlias.Malformed', 'The specified FromAlias is longer than 15 characters.');
  checkTag(p.TagName);
  const mail: NonNullable<StoredMessage['mail']> = { from, subject, replyToAddress: replyTo === 'true' };
  if (p.FromAlias) mail.fromAlias = p.FromAlias;
  if (p.HtmlBody) mail.htmlBody = p.HtmlBody;
  if (p.TextBody) mail.textBody = p.TextBody;
  if (p.TagName) mail.tagName = p.TagName;
  const envId = newEnvId();
  for (const to of recipients) await storeMail(ctx, to, mail, envId);
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
  checkTag(p.TagName);
  const { templates, receivers } = ctx.state.config.mail;
  const template = templates.find((t) => t.name === templateName);
  if (!template) throw new GatewayError(404, 'InvalidTemplate.NotFound', 'The specified template is not found.');
  const list = receivers.find((r) => r.name === receiversName);
  if (!list) throw new GatewayError(404, 'InvalidReceiver.NotFound', 'The specified receiver list is not found.');
  const mail: NonNullable<StoredMessage['mail']> = { from, subject: template.subject };
  if (template.htmlBody) mail.htmlBody = template.htmlBody;
  if (template.textBody) mail.textBody = template.textBody;
  if (p.TagName) mail.tagName = p.TagName;
  const envId = newEnvId();
  for (const to of list.addresses) await storeMail(ctx, to, mail, envId);
  return { EnvId: envId };
}
