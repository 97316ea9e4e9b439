import { randomBytes } from 'node:crypto';
import type { StoredMessage } from '../store/types.js';

/** One attachment of a stored mail, as {@link mailAttachments} reads it: its bytes, or only the URL it is at. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  /** The bytes, when the emulator has them. */
  content?: Buffer;
  /** Where SingleSendMail said the file is (`AttachmentUrl`), when the emulator has no bytes. */
  url?: string;
}

/**
 * The attachments a stored mail carries (`mail.attachments`: `{ filename | name, contentType?, content?, url? }`,
 * content in base64; SingleSendMail stores `url` for an http(s) AttachmentUrl and `content` for a `data:` one).
 * Read loosely on purpose: this download should keep working whatever fields a later version adds.
 */
export function mailAttachments(message: StoredMessage): MailAttachment[] {
  const list = (message.mail as { attachments?: unknown } | undefined)?.attachments;
  if (!Array.isArray(list)) return [];
  const out: MailAttachment[] = [];
  for (const item of list as Array<Record<string, unknown>>) {
    const filename = item.filename ?? item.name;
    if (typeof filename !== 'string') continue;
    const contentType = typeof item.contentType === 'string' ? item.contentType : 'application/octet-stream';
    if (typeof item.content === 'string')
      out.push({ filename, contentType, content: Buffer.from(item.content, 'base64') });
    else if (typeof item.url === 'string' && /^https?:\/\//i.test(item.url))
      out.push({ filename, contentType, url: item.url });
  }
  return out;
}

/** RFC 2047 encoded-word for a header value that is not plain ASCII (subjects are mostly Chinese). */
function encodeWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** A filename parameter without quotes or line breaks, so it cannot end the header early. */
function safeName(name: string): string {
  return name.replace(/["\\\r\n]/g, '_');
}

/** Addresses go in as they are, minus any line break that would start a header of its own. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** Base64 wrapped at 76 characters, as MIME requires. */
function base64Lines(content: Buffer): string {
  return (content.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

function part(contentType: string, content: Buffer, extra: string[] = []): string {
  return [`Content-Type: ${contentType}`, 'Content-Transfer-Encoding: base64', ...extra, '', base64Lines(content)].join(
    '\r\n',
  );
}

function multipart(type: string, parts: string[]): { head: string; body: string } {
  const boundary = `=_alisms_${randomBytes(12).toString('hex')}`;
  const body = `${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--`;
  return { head: `multipart/${type}; boundary="${boundary}"`, body };
}

/**
 * The mail as an RFC 5322 `.eml` file (`GET /_emulator/api/messages/{id}/eml`): headers, the text and
 * HTML bodies as `multipart/alternative`, attachments beside them in `multipart/mixed`. Opens in any
 * mail client. Returns undefined for a message that is not a mail.
 */
export function toEml(message: StoredMessage): string | undefined {
  const mail = message.mail;
  if (!mail) return undefined;
  const bodies: string[] = [];
  if (mail.textBody !== undefined) bodies.push(part('text/plain; charset=utf-8', Buffer.from(mail.textBody, 'utf8')));
  if (mail.htmlBody !== undefined) bodies.push(part('text/html; charset=utf-8', Buffer.from(mail.htmlBody, 'utf8')));
  if (bodies.length === 0) bodies.push(part('text/plain; charset=utf-8', Buffer.alloc(0)));
  const alternative = bodies.length === 1 ? undefined : multipart('alternative', bodies);
  let content = alternative ? `Content-Type: ${alternative.head}\r\n\r\n${alternative.body}` : (bodies[0] as string);
  const attachments = mailAttachments(message);
  if (attachments.length > 0) {
    const mixed = multipart('mixed', [
      content,
      ...attachments.map((a) =>
        a.content
          ? part(`${a.contentType}; name="${safeName(a.filename)}"`, a.content, [
              `Content-Disposition: attachment; filename="${safeName(a.filename)}"`,
            ])
          : // RFC 2017: the file stays where SingleSendMail said it is; mail clients show it as a link.
            `Content-Type: message/external-body; access-type=URL; URL="${safeName(oneLine(a.url ?? ''))}"\r\n\r\n` +
            `Content-Type: application/octet-stream; name="${safeName(a.filename)}"\r\n`,
      ),
    ]);
    content = `Content-Type: ${mixed.head}\r\n\r\n${mixed.body}`;
  }
  const from = mail.fromAlias ? `${encodeWord(mail.fromAlias)} <${oneLine(mail.from)}>` : oneLine(mail.from);
  const headers = [
    `From: ${from}`,
    `To: ${oneLine(message.to)}`,
    `Subject: ${encodeWord(mail.subject)}`,
    `Date: ${new Date(message.sentAt).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${message.envId ?? message.id}@emulator.alisms.invalid>`,
    'MIME-Version: 1.0',
  ];
  if (mail.bcc && mail.bccAddress) headers.push(`Bcc: ${oneLine(message.to)}`);
  if (mail.tagName) headers.push(`X-Tag-Name: ${encodeWord(mail.tagName)}`);
  // Headers from SingleSendMail/BatchSendMail `Headers`; a given Message-ID replaces the emulator's.
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    const clean = name.replace(/[^!-9;-~]/g, '');
    if (clean.toLowerCase() === 'message-id') headers.splice(4, 1, `Message-ID: ${oneLine(value)}`);
    else if (clean) headers.push(`${clean}: ${encodeWord(oneLine(value))}`);
  }
  return `${headers.join('\r\n')}\r\n${content}\r\n`;
}
