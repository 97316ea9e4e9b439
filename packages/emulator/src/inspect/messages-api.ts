import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeliveryVerdict } from '../receipts/index.js';
import { recipientKey } from '../rules/phone.js';
import type { MessageStore, StoredMessage } from '../store/types.js';
import { parseParams } from '../wire/params.js';
import { mailAttachments, toEml } from './eml.js';
import { BadInput, json, notFound, readJson } from './http.js';
import { parseMessageQuery } from './message-query.js';

export interface MessagesApiDeps {
  store: MessageStore;
  /** Settles a message (and pushes its receipt when the delivery simulation runs). */
  settle: (id: string, verdict: DeliveryVerdict) => Promise<StoredMessage | undefined>;
}

const DELIVERY_EXAMPLE = '{"status":"failed","errorCode":"MOBILE_NOT_ON_SERVICE"}';

function parseVerdict(body: Record<string, unknown>): DeliveryVerdict {
  const { status, errorCode } = body;
  if (status !== 'delivered' && status !== 'failed')
    throw new BadInput(`status must be "delivered" or "failed": ${DELIVERY_EXAMPLE}`);
  if (errorCode !== undefined && (typeof errorCode !== 'string' || !/^[\w.:-]{1,64}$/.test(errorCode)))
    throw new BadInput(`errorCode must be a carrier code such as MOBILE_NOT_ON_SERVICE: ${DELIVERY_EXAMPLE}`);
  return errorCode === undefined ? { status } : { status, errorCode };
}

/** Every message of one conversation (one recipient), however many the store keeps. */
function conversationIds(store: MessageStore, to: string): string[] {
  return store.list({ to, limit: Number.MAX_SAFE_INTEGER }).map((m) => m.id);
}

/** `attachment; filename=...` that survives Chinese names (RFC 6266 `filename*`). */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function download(res: ServerResponse, type: string, filename: string, body: Buffer | string): void {
  res.writeHead(200, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'content-disposition': disposition(filename),
    'x-content-type-options': 'nosniff',
    // An attachment is the sender's bytes on the inbox's origin: never let a browser run them as a page.
    'content-security-policy': 'sandbox',
  });
  res.end(body);
}

/**
 * A mail's HTML as its own document, for the page's "load remote images" toggle: the page's policy
 * (inherited by a srcdoc frame) allows no remote image, so the frame loads this URL instead, whose
 * policy allows remote images and nothing else: no script, no form, no plugin, an opaque origin.
 */
function serveMailHtml(res: ServerResponse, html: string, remoteImages: boolean): void {
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src data:${remoteImages ? ' http: https:' : ''}`,
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    'sandbox',
  ].join('; ');
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(html);
}

/**
 * `/_emulator/api/messages...`: list (filters and paging), delete (one, a conversation, all), one
 * message, its raw exchange, its `.eml` and attachments, and a hand-picked delivery outcome.
 * Returns false for a method the route does not take (the caller answers 405).
 */
export async function serveMessages(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  rawQuery: string,
  deps: MessagesApiDeps,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  const { store } = deps;
  if (route === 'messages') {
    if (method === 'GET') {
      const query = parseMessageQuery(rawQuery);
      const limit = query.limit ?? 100;
      // One extra tells the page whether an older page exists without a second request.
      const page = store.list({ ...query, limit: limit + 1 });
      const messages = page.slice(0, limit);
      const last = messages[messages.length - 1];
      json(res, 200, {
        messages,
        more: page.length > limit,
        ...(page.length > limit && last ? { next: last.id } : {}),
      });
      return true;
    }
    if (method === 'DELETE') {
      const to = parseParams(rawQuery).to;
      if (to === undefined) {
        await store.clear();
        json(res, 200, { cleared: true });
        return true;
      }
      if (!to) throw new BadInput('to must name the conversation: ?to=13800138000 or ?to=alice@example.com');
      const deleted = await store.remove(conversationIds(store, to));
      json(res, 200, { deleted: deleted.length, to: recipientKey(to) });
      return true;
    }
    return false;
  }
  if (route === 'messages/latest') {
    if (method !== 'GET') return false;
    const to = parseParams(rawQuery).to;
    if (!to) throw new BadInput('the to parameter is required: ?to=NUMBER_OR_ADDRESS');
    const message = store.latest(to);
    message ? json(res, 200, message) : notFound(res, 'message');
    return true;
  }
  const [, rawId = '', sub, index, ...rest] = route.split('/');
  const id = decodeURIComponent(rawId);
  const message = store.get(id);
  if (rest.length > 0 || (index !== undefined && sub !== 'attachments')) {
    notFound(res, `route /_emulator/api/${route}`);
    return true;
  }
  if (sub === undefined) {
    if (method === 'GET') message ? json(res, 200, message) : notFound(res, 'message');
    else if (method === 'DELETE') {
      if ((await store.remove([id])).length === 0) notFound(res, 'message');
      else res.writeHead(204).end();
    } else return false;
    return true;
  }
  if (sub === 'delivery') {
    if (method !== 'POST') return false;
    const verdict = parseVerdict(await readJson(req, DELIVERY_EXAMPLE));
    if (!message) {
      notFound(res, 'message');
      return true;
    }
    const updated = await deps.settle(id, verdict);
    updated ? json(res, 200, updated) : notFound(res, 'message');
    return true;
  }
  if (method !== 'GET') return false;
  if (!message) {
    notFound(res, 'message');
    return true;
  }
  if (sub === 'raw') {
    const raw = store.getRaw(id);
    if (raw) json(res, 200, raw);
    else json(res, 404, { error: 'no raw exchange kept for this message (it was stored by an older emulator)' });
  } else if (sub === 'html') {
    const html = message.mail?.htmlBody;
    if (html === undefined) json(res, 404, { error: 'this message has no HTML body' });
    else serveMailHtml(res, html, parseParams(rawQuery).images === 'remote');
  } else if (sub === 'eml') {
    const eml = toEml(message);
    if (eml) download(res, 'message/rfc822', `${message.envId ?? message.id}.eml`, eml);
    else json(res, 404, { error: 'only a mail has an .eml: this message is an SMS' });
  } else if (sub === 'attachments') {
    const attachments = mailAttachments(message);
    if (index === undefined)
      json(res, 200, {
        attachments: attachments.map((a, i) => ({
          index: i,
          filename: a.filename,
          contentType: a.contentType,
          ...(a.content ? { size: a.content.length } : { url: a.url }),
        })),
      });
    else {
      const attachment = attachments[Number(index)];
      if (!attachment || !/^\d+$/.test(index)) notFound(res, 'attachment');
      else if (attachment.content) download(res, attachment.contentType, attachment.filename, attachment.content);
      // Only the URL is known (as on Aliyun, which fetches it): send the browser there.
      else res.writeHead(302, { location: attachment.url ?? '' }).end();
    }
  } else notFound(res, `route /_emulator/api/${route}`);
  return true;
}
