import type { MailConfig, MailTemplateConfig } from '../../config/resolve.js';
import type { MailAttachmentRecord } from '../../store/types.js';
import { GatewayError } from '../../wire/errors.js';

/** What Aliyun checks an address against (loosely: it does the real check on delivery). */
export const ADDRESS = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;
const MAX_HEADERS = 10;
const LINK_TYPES = ['disabled', 'default'];
const FILTER_LEVELS = ['disabled', 'default', 'mailfrom', 'mailfrom_domain', 'edm_id'];

/** BccAddress: at most 2 well-formed addresses. */
export function bccList(raw: string | undefined): string[] {
  if (raw === undefined || raw === '') return [];
  const list = raw
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (list.length > 2 || !list.every((a) => ADDRESS.test(a)))
    throw new GatewayError(400, 'InvalidBccAddress', 'The specified BccAddress is invalid (at most 2 addresses).');
  return list;
}

/**
 * `Attachments.N.AttachmentName` / `AttachmentUrl`, as the official client flattens the list. A `data:` URL's
 * bytes are kept so the inbox can offer the file itself; any other URL is kept as a link.
 */
export function attachmentList(params: Record<string, string>): MailAttachmentRecord[] {
  const out: MailAttachmentRecord[] = [];
  for (let i = 1; ; i++) {
    const name = params[`Attachments.${i}.AttachmentName`];
    const url = params[`Attachments.${i}.AttachmentUrl`];
    if (name === undefined && url === undefined) break;
    if (!name || !url)
      throw new GatewayError(400, 'InvalidAttachment', `Attachments.${i} needs both AttachmentName and AttachmentUrl.`);
    const data = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(url);
    if (data) {
      const bytes = data[2] ? Buffer.from(data[3] ?? '', 'base64') : Buffer.from(decodeURIComponent(data[3] ?? ''));
      out.push({
        filename: name,
        contentType: data[1] || 'application/octet-stream',
        content: bytes.toString('base64'),
      });
    } else if (/^https?:\/\/\S+$/i.test(url)) out.push({ filename: name, url });
    else throw new GatewayError(400, 'InvalidAttachment', `Attachments.${i}.AttachmentUrl must be an http(s) URL.`);
  }
  return out;
}

/** `Headers`: a JSON object of strings; Aliyun applies the first 10 and ignores the rest. */
export function headerMap(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined || raw === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new GatewayError(400, 'InvalidHeaders', 'The specified Headers is not a JSON object.');
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed).slice(0, MAX_HEADERS)) {
    if (typeof value !== 'string' || /[\r\n]/.test(value) || !/^[!-9;-~]+$/.test(name))
      throw new GatewayError(400, 'InvalidHeaders', `The header ${name.slice(0, 40)} is malformed.`);
    out[name] = value;
  }
  return out;
}

/** IpPoolId, DomainAuth, UnSubscribe* and ClickTrace as given, after checking the enumerations. */
export function sendOptions(params: Record<string, string>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const name of ['IpPoolId', 'DomainAuth', 'UnSubscribeLinkType', 'UnSubscribeFilterLevel', 'ClickTrace']) {
    const value = params[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  if (out.UnSubscribeLinkType && !LINK_TYPES.includes(out.UnSubscribeLinkType))
    throw new GatewayError(
      400,
      'InvalidUnSubscribeLinkType',
      `UnSubscribeLinkType must be ${LINK_TYPES.join(' or ')}.`,
    );
  if (out.UnSubscribeFilterLevel && !FILTER_LEVELS.includes(out.UnSubscribeFilterLevel))
    throw new GatewayError(
      400,
      'InvalidUnSubscribeFilterLevel',
      `UnSubscribeFilterLevel must be one of ${FILTER_LEVELS.join(', ')}.`,
    );
  if (out.DomainAuth && out.DomainAuth !== 'true' && out.DomainAuth !== 'false')
    throw new GatewayError(400, 'InvalidDomainAuth', 'DomainAuth must be true or false.');
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A template's text with `${name}` / `{{name}}` replaced by `data`; unknown names are left as written. */
export function renderMailTemplate(text: string, data: Record<string, string>): string {
  return text.replace(/\$\{([^}]+)\}|\{\{\s*([^}\s]+)\s*\}\}/g, (whole, a?: string, b?: string) => {
    const key = (a ?? b) as string;
    return Object.hasOwn(data, key) ? (data[key] as string) : whole;
  });
}

/** SingleSendMail `Template`: `{"TemplateId":"…","TemplateData":{…}}` → the stored template and its data. */
export function templateRef(
  raw: string | undefined,
  mail: MailConfig,
): { template: MailTemplateConfig; data: Record<string, string> } | undefined {
  if (raw === undefined || raw === '') return undefined;
  let parsed: { TemplateId?: unknown; TemplateData?: unknown } | undefined;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const id = parsed?.TemplateId;
  if (!parsed || (typeof id !== 'string' && typeof id !== 'number'))
    throw new GatewayError(400, 'InvalidTemplate.Malformed', 'Template must be JSON with a TemplateId.');
  const template = mail.templates.find((t) => t.id === String(id));
  if (!template) throw new GatewayError(404, 'InvalidTemplate.NotFound', 'The specified template is not found.');
  const data: Record<string, string> = {};
  if (parsed.TemplateData && typeof parsed.TemplateData === 'object')
    for (const [k, v] of Object.entries(parsed.TemplateData)) data[k] = String(v);
  return { template, data };
}
