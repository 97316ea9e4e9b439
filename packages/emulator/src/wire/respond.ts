import type { ServerResponse } from 'node:http';

export const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';
/** The only content type the official Node SDK reads as XML. */
export const XML_CONTENT_TYPE = 'text/xml;charset=utf-8';

export type Body = Record<string, unknown>;

/** Writes an Aliyun answer as JSON, or as XML under `<rootName>` when the caller asked `Format=XML`. */
export function writeAnswer(
  res: ServerResponse,
  status: number,
  body: Body,
  options: { xml: boolean; rootName: string; requestId: string; headers?: Record<string, string> },
): void {
  const text = options.xml
    ? `<?xml version='1.0' encoding='UTF-8'?><${options.rootName}>${toXml(body)}</${options.rootName}>`
    : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': options.xml ? XML_CONTENT_TYPE : JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-acs-request-id': options.requestId,
    ...options.headers,
  });
  res.end(text);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string);
}

/** Aliyun's XML: one element per field, an array as the same element repeated. */
export function toXml(value: Body): string {
  let out = '';
  for (const [name, field] of Object.entries(value)) {
    if (field === undefined || field === null) continue;
    const items = Array.isArray(field) ? field : [field];
    for (const item of items) {
      const inner = typeof item === 'object' && item !== null ? toXml(item as Body) : escapeXml(String(item));
      out += `<${name}>${inner}</${name}>`;
    }
  }
  return out;
}
