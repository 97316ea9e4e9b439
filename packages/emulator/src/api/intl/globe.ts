import { numberDetail } from '../../rules/number-detail.js';
import { type ParsedNumber, parsePhoneNumber } from '../../rules/phone.js';
import { internationalSegments, mainlandSegments } from '../../rules/segments.js';
import { extractCode, parseTemplateParam, renderTemplate } from '../../rules/template.js';
import type { MessageStatus, StoredMessage } from '../../store/types.js';
import { formatRfc822China } from '../../wire/dates.js';
import { BusinessError } from '../../wire/errors.js';
import { newMessageId } from '../../wire/ids.js';
import { type ActionContext, required } from '../context.js';

const ACCEPTED = { ResponseCode: 'OK', ResponseDescription: 'The SMS Send Request was accepted' };
const SENDER_ID = /^(?:[A-Za-z0-9 ]{1,11}|\d{1,15})$/;

function parseNumber(raw: string): ParsedNumber {
  const parsed = parsePhoneNumber(raw);
  if (!parsed) throw new BusinessError('MOBILE_NUMBER_ILLEGAL', 'The mobile number is illegal');
  return parsed;
}

function checkFrom(from: string | undefined): void {
  if (from !== undefined && from !== '' && !SENDER_ID.test(from))
    throw new BusinessError('INVALID_SENDERID', 'The sender ID is invalid');
}

async function store(
  ctx: ActionContext,
  fields: Omit<StoredMessage, 'id' | 'product' | 'action' | 'status' | 'sentAt'>,
) {
  const message: StoredMessage = {
    id: ctx.state.nextMessageId(),
    product: 'intl',
    action: ctx.request.action ?? 'SendMessageToGlobe',
    status: 'waiting',
    sentAt: new Date(ctx.state.clock.now()).toISOString(),
    ...fields,
  };
  await ctx.state.store.add(message);
}

/** SendMessageToGlobe: one text to one non-mainland number. */
export async function sendMessageToGlobe(ctx: ActionContext) {
  const p = ctx.params;
  const to = required(p, 'To');
  const text = required(p, 'Message');
  checkFrom(p.From);
  const { key } = parseNumber(to);
  if (key.startsWith('86') && key.length === 13)
    throw new BusinessError('NOT_SUPPORTED_COUNTRY', 'Mainland China numbers are not supported by this API');
  const messageId = newMessageId();
  const segments = internationalSegments(text);
  const code = extractCode(undefined, text);
  await store(ctx, {
    to,
    toKey: key,
    content: text,
    segments,
    messageId,
    ...(code ? { code } : {}),
    ...(p.TaskId ? { taskId: p.TaskId } : {}),
  });
  return {
    ...ACCEPTED,
    MessageId: messageId,
    Segments: String(segments),
    To: to,
    From: p.From ?? '',
    NumberDetail: numberDetail(key),
  };
}

function jsonStrings(raw: string): string[] {
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  } catch {
    // reported below
  }
  throw new BusinessError('INVALID_JSON_PARAM', 'The JSON parameter is invalid');
}

/** BatchSendMessageToGlobe: `To` and `Message` are JSON arrays (a single message goes to everyone). */
export async function batchSendMessageToGlobe(ctx: ActionContext) {
  const p = ctx.params;
  const numbers = jsonStrings(required(p, 'To'));
  const texts = jsonStrings(required(p, 'Message'));
  checkFrom(p.From);
  if (numbers.length > 1000) throw new BusinessError('MOBILE_COUNT_OVER_LIMIT', 'Too many mobile numbers');
  if (texts.length !== 1 && texts.length !== numbers.length)
    throw new BusinessError('INVALID_PARAMETERS', 'Message must hold one text or one per number');
  const ids: string[] = [];
  const failed: string[] = [];
  for (const [i, to] of numbers.entries()) {
    const key = parsePhoneNumber(to)?.key;
    if (!key) {
      failed.push(to);
      continue;
    }
    const text = (texts.length === 1 ? texts[0] : texts[i]) as string;
    const messageId = newMessageId();
    const code = extractCode(undefined, text);
    await store(ctx, {
      to,
      toKey: key,
      content: text,
      segments: internationalSegments(text),
      messageId,
      ...(code ? { code } : {}),
      ...(p.TaskId ? { taskId: p.TaskId } : {}),
    });
    ids.push(messageId);
  }
  return {
    ...ACCEPTED,
    MessageIdList: JSON.stringify(ids),
    FailedList: JSON.stringify(failed),
    SuccessCount: String(ids.length),
    From: p.From ?? '',
  };
}

/** SendMessageWithTemplate: a mainland number with an approved sign (`From`) and template. */
export async function sendMessageWithTemplate(ctx: ActionContext) {
  const p = ctx.params;
  const to = required(p, 'To');
  const from = required(p, 'From');
  const templateCode = required(p, 'TemplateCode');
  const { catalog } = ctx.state;
  const sign = catalog.signs.get(from);
  if (!sign || catalog.statusOf(sign) !== 'approved')
    throw new BusinessError('SMS_SIGN_NAME_ILLEGAL', 'The signature is missing or not approved');
  const template = catalog.templates.get(templateCode);
  if (!template || catalog.statusOf(template) !== 'approved')
    throw new BusinessError('SMS_CONTENT_CODE_ILLEGAL', 'The template is missing or not approved');
  const { key, mainland } = parseNumber(to);
  let params: Record<string, string> | undefined;
  let content: string;
  try {
    params = parseTemplateParam(p.TemplateParam);
    content = `【${from}】${renderTemplate(template.content, params, template.type === 'verification')}`;
  } catch (error) {
    const code = (error as BusinessError).code;
    if (code === 'isv.INVALID_JSON_PARAM')
      throw new BusinessError('INVALID_JSON_PARAM', 'The JSON parameter is invalid');
    if (code === 'isv.TEMPLATE_MISSING_PARAMETERS')
      throw new BusinessError('CONTENT_MISSING_PARAMETERS', 'A template variable has no value');
    throw new BusinessError('INVALID_PARAMETERS', (error as Error).message);
  }
  // The same per-number flow control as SendSms (mainland numbers only); the 2018-05-01 code drops the
  // `isv.` prefix like the API's other codes (UNCONFIRMED: the published list stops before it).
  const now = ctx.state.clock.now();
  if (mainland) {
    try {
      ctx.state.flow.check(template.type, from, templateCode, key, now);
    } catch (error) {
      throw new BusinessError('BUSINESS_LIMIT_CONTROL', (error as Error).message);
    }
    ctx.state.flow.record(template.type, from, templateCode, key, now);
  }
  const messageId = newMessageId();
  const segments = mainlandSegments(content);
  const code = extractCode(params, content);
  await store(ctx, {
    to,
    toKey: key,
    signName: from,
    templateCode,
    content,
    segments,
    messageId,
    ...(params ? { params } : {}),
    ...(code ? { code } : {}),
  });
  return { ...ACCEPTED, MessageId: messageId, Segments: String(segments), To: to, NumberDetail: numberDetail(key) };
}

const STATUS: Record<MessageStatus, string> = { delivered: '1', failed: '2', waiting: '3' };

/** QueryMessage: the status of one international message. */
export function queryMessage(ctx: ActionContext) {
  const messageId = required(ctx.params, 'MessageId');
  const m = ctx.state.store
    .list({ product: 'intl', limit: Number.POSITIVE_INFINITY })
    .find((x) => x.messageId === messageId);
  if (!m) throw new BusinessError('DATA_NOT_EXIST', 'The record does not exist');
  return {
    ResponseCode: 'OK',
    ResponseDescription: 'OK',
    MessageId: messageId,
    To: m.to,
    Message: m.content,
    Status: STATUS[m.status],
    ErrorCode: m.errCode ?? (m.status === 'waiting' ? '' : 'DELIVERED'),
    ErrorDescription: m.status === 'delivered' ? 'success' : m.status === 'failed' ? 'failed' : '',
    SendDate: formatRfc822China(Date.parse(m.sentAt)),
    ReceiveDate: m.receivedAt ? formatRfc822China(Date.parse(m.receivedAt)) : '',
    NumberDetail: numberDetail(m.toKey),
  };
}
