// The page's only way to the emulator: the same inspection API users script their tests against.

async function call(method, path, body) {
  const init = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (res.status === 204) return undefined;
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) throw new Error(data?.error || `${method} ${path} answered ${res.status}`);
  return data;
}

const enc = encodeURIComponent;

/** One page of messages, newest first: `{ messages, more, next }`. */
export function listMessages({ channel, status, before, limit }) {
  const q = new URLSearchParams();
  if (channel) q.set('channel', channel);
  if (status) q.set('status', status);
  if (before) q.set('before', before);
  q.set('limit', String(limit));
  return call('GET', `api/messages?${q}`);
}

export const deleteMessage = (id) => call('DELETE', `api/messages/${enc(id)}`);
export const deleteConversation = (to) => call('DELETE', `api/messages?to=${enc(to)}`);
export const clearAll = () => call('DELETE', 'api/messages');
export const getRaw = (id) => call('GET', `api/messages/${enc(id)}/raw`);
export const listAttachments = (id) => call('GET', `api/messages/${enc(id)}/attachments`);
export const setDelivery = (id, status, errorCode) =>
  call('POST', `api/messages/${enc(id)}/delivery`, errorCode ? { status, errorCode } : { status });
export const listFaults = () => call('GET', 'api/faults');
export const addFault = (fault) => call('POST', 'api/faults', fault);
export const removeFault = (id) => call('DELETE', `api/faults/${enc(id)}`);
export const clearFaults = () => call('DELETE', 'api/faults');
export const sendReply = (reply) => call('POST', 'api/sms-up', reply);

/** Links the page offers for download (plain GETs, so they also work from curl). */
export const emlUrl = (id) => `api/messages/${enc(id)}/eml`;
export const attachmentUrl = (id, index) => `api/messages/${enc(id)}/attachments/${index}`;
export const mailHtmlUrl = (id) => `api/messages/${enc(id)}/html?images=remote`;
