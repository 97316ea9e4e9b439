import { InvalidArgumentError } from '../core/invalid-argument-error.js';
import type { BatchSendMailInput, MailAttachmentInput, MailSendOptions, SingleSendMailInput } from './types.js';
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

/** Most BCC addresses one SingleSendMail takes (Aliyun's limit). */
export const MAX_BCC_ADDRESSES = 2;
/** Most headers Aliyun applies from `Headers`; it ignores the rest, so the SDK refuses them instead. */
export const MAX_MAIL_HEADERS = 10;
/** Most attachments the SDK sends in one SingleSendMail. */
export const MAX_MAIL_ATTACHMENTS = 10;

const LINK_TYPES = ['disabled', 'default'];
const FILTER_LEVELS = ['disabled', 'default', 'mailfrom', 'mailfrom_domain', 'edm_id'];
const STANDARD_HEADERS = ['message-id', 'list-unsubscribe', 'list-unsubscribe-post'];
const HEADER_NAME = /^[!-9;-~]+$/;

function oneOf(value: string | undefined, field: string, allowed: readonly string[]): string | undefined {
  if (value !== undefined && !allowed.includes(value))
    throw new InvalidArgumentError(field, `must be one of ${allowed.join(', ')}`);
  return value;
}

/** The `Headers` JSON string: only the names Aliyun accepts, no line breaks (they would start a header of their own). */
function headersJson(headers: Readonly<Record<string, string>> | undefined): string | undefined {
  if (headers === undefined) return undefined;
  const entries = Object.entries(headers);
  if (entries.length > MAX_MAIL_HEADERS)
    throw new InvalidArgumentError('headers', `at most ${MAX_MAIL_HEADERS} headers, got ${entries.length}`);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name) || !(STANDARD_HEADERS.includes(lower) || lower.startsWith('x-user-')))
      throw new InvalidArgumentError(
        'headers',
        `"${name}" is not accepted: use Message-ID, List-Unsubscribe, List-Unsubscribe-Post or an X-User- name`,
      );
    if (typeof value !== 'string' || /[\r\n]/.test(value))
      throw new InvalidArgumentError('headers', `the value of ${name} must be a string without line breaks`);
  }
  return JSON.stringify(headers);
}

function attachmentParams(list: readonly MailAttachmentInput[] | undefined): Record<string, string> {
  if (list === undefined) return {};
  if (list.length > MAX_MAIL_ATTACHMENTS)
    throw new InvalidArgumentError('attachments', `at most ${MAX_MAIL_ATTACHMENTS} files, got ${list.length}`);
  const out: Record<string, string> = {};
  list.forEach((a, i) => {
    const name = required(a?.name, `attachments[${i}].name`);
    const url = required(a?.url, `attachments[${i}].url`);
    if (!/^https?:\/\/\S+$/i.test(url))
      throw new InvalidArgumentError(`attachments[${i}].url`, 'must be an http(s) URL Aliyun can fetch');
    // The official client flattens the list the same way: Attachments.1.AttachmentName, …
    out[`Attachments.${i + 1}.AttachmentName`] = name;
    out[`Attachments.${i + 1}.AttachmentUrl`] = url;
  });
  return out;
}

function templateJson(template: SingleSendMailInput['template']): string | undefined {
  if (template === undefined) return undefined;
  const templateId = required(template.templateId, 'template.templateId');
  const data = template.templateData ?? {};
  for (const [key, value] of Object.entries(data))
    if (typeof value !== 'string') throw new InvalidArgumentError(`template.templateData.${key}`, 'must be a string');
  return JSON.stringify({ TemplateData: data, TemplateId: templateId });
}

function options(input: MailSendOptions): Record<string, string | undefined> {
  if (input.domainAuth !== undefined && typeof input.domainAuth !== 'boolean')
    throw new InvalidArgumentError('domainAuth', 'must be true or false');
  return {
    Headers: headersJson(input.headers),
    IpPoolId: input.ipPoolId,
    DomainAuth: input.domainAuth === undefined ? undefined : String(input.domainAuth),
    UnSubscribeLinkType: oneOf(input.unSubscribeLinkType, 'unSubscribeLinkType', LINK_TYPES),
    UnSubscribeFilterLevel: oneOf(input.unSubscribeFilterLevel, 'unSubscribeFilterLevel', FILTER_LEVELS),
  };
}

function shared(input: SingleSendMailInput | BatchSendMailInput): Record<string, string | undefined> {
  return {
    AccountName: checkAddress(input.accountName, 'accountName'),
    AddressType: addressType(input.addressType),
    TagName: checkTagName(input.tagName),
    ClickTrace: input.clickTrace === undefined ? undefined : input.clickTrace ? '1' : '0',
    ReplyAddress: input.replyAddress === undefined ? undefined : checkAddress(input.replyAddress, 'replyAddress'),
    ReplyAddressAlias: maxLength(input.replyAddressAlias, 'replyAddressAlias', 15),
    ...options(input),
  };
}

/** SingleSendMail's form body, validated (every field of the official request model but the owner ones). */
export function singleSendMailForm(input: SingleSendMailInput): Record<string, string> {
  if (input.htmlBody === undefined && input.textBody === undefined && input.template === undefined)
    throw new InvalidArgumentError('htmlBody', 'give htmlBody, textBody or template');
  const subject = required(input.subject, 'subject');
  maxLength(subject, 'subject', MAX_SUBJECT_LENGTH);
  if (input.fromAlias !== undefined) maxLength(input.fromAlias, 'fromAlias', FROM_ALIAS_LIMIT - 1);
  const bcc = input.bccAddress === undefined ? undefined : checkRecipients(input.bccAddress, 'bccAddress');
  if (bcc && bcc.length > MAX_BCC_ADDRESSES)
    throw new InvalidArgumentError('bccAddress', `at most ${MAX_BCC_ADDRESSES} addresses, got ${bcc.length}`);
  return defined({
    ...shared(input),
    ReplyToAddress: String(input.replyToAddress ?? false),
    ToAddress: checkRecipients(input.toAddress, 'toAddress').join(','),
    BccAddress: bcc?.join(','),
    Subject: subject,
    HtmlBody: input.htmlBody,
    TextBody: input.textBody,
    Template: templateJson(input.template),
    FromAlias: input.fromAlias,
    ...attachmentParams(input.attachments),
  });
}

/** BatchSendMail's query, validated. */
export function batchSendMailQuery(input: BatchSendMailInput): Record<string, string> {
  return defined({
    ...shared(input),
    TemplateName: maxLength(required(input.templateName, 'templateName'), 'templateName', 30),
    ReceiversName: required(input.receiversName, 'receiversName'),
  });
}
