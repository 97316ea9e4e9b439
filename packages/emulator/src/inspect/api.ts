import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRegistry } from '../faults/faults.js';
import type { PushOutcome, SmsUpInput } from '../receipts/index.js';
import type { Catalog } from '../rules/catalog.js';
import type { Conversions } from '../rules/conversions.js';
import type { MessageProduct, MessageQuery, MessageStore } from '../store/types.js';
import { parseParams } from '../wire/params.js';
import { readBody } from '../wire/read-body.js';
import { JSON_CONTENT_TYPE } from '../wire/respond.js';
import { serveCatalogApi } from './catalog-api.js';
import type { EventStreams } from './sse.js';

export const API_PREFIX = '/_emulator/api/';

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function notFound(res: ServerResponse, what: string): void {
  json(res, 404, { error: `${what} not found` });
}

function messageQuery(rawQuery: string): MessageQuery {
  const q = parseParams(rawQuery);
  const query: MessageQuery = {};
  if (q.to) query.to = q.to;
  if (q.since) query.since = q.since;
  if (q.limit) query.limit = Math.max(0, Number(q.limit)) || 100;
  if (q.bizId) query.bizId = q.bizId;
  if (q.product) query.product = q.product as MessageProduct;
  return query;
}

/**
 * The inspection API: the page's, the CLI's and the tests' one view of the emulator.
 * `GET messages`, `GET messages/latest?to=`, `GET messages/:id`, `DELETE messages`, `GET events` (SSE),
 * `GET|POST|DELETE faults`, `DELETE faults/:id`, `POST sms-up` (simulate a reply).
 */
export async function serveApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  rawQuery: string,
  deps: {
    store: MessageStore;
    faults: FaultRegistry;
    events: EventStreams;
    /** Signs and templates, for the review routes (`signs`, `templates`, `…/review`). */
    catalog?: Catalog;
    /** Conversion feedback received, for `GET conversions`. */
    conversions?: Conversions;
    /** Pushes an SmsUp (MO reply) to `receipts.upPushUrl`; absent when delivery is off. */
    simulateSmsUp?: (input: SmsUpInput) => Promise<PushOutcome>;
  },
): Promise<void> {
  const route = pathname.slice(API_PREFIX.length).replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  const { store, faults } = deps;
  const catalogAnswer = deps.catalog ? await serveCatalogApi(req, route, deps.catalog) : undefined;
  if (catalogAnswer) return json(res, catalogAnswer.status, catalogAnswer.body);
  if (route === 'conversions' && method === 'GET' && deps.conversions) {
    const reports = [...deps.conversions.messages.values()];
    const converted = reports.filter((r) => r.delivered).length;
    return json(res, 200, { messages: reports, rates: deps.conversions.rates, converted, reported: reports.length });
  }
  if (route === 'messages') {
    if (method === 'GET') return json(res, 200, { messages: store.list(messageQuery(rawQuery)) });
    if (method === 'DELETE') {
      await store.clear();
      return json(res, 200, { cleared: true });
    }
  } else if (route === 'messages/latest' && method === 'GET') {
    const to = parseParams(rawQuery).to;
    if (!to) return json(res, 400, { error: 'the to parameter is required: ?to=NUMBER_OR_ADDRESS' });
    const message = store.latest(to);
    return message ? json(res, 200, message) : notFound(res, 'message');
  } else if (route.startsWith('messages/') && method === 'GET') {
    const message = store.get(decodeURIComponent(route.slice('messages/'.length)));
    return message ? json(res, 200, message) : notFound(res, 'message');
  } else if (route === 'events' && method === 'GET') {
    return deps.events.attach(res);
  } else if (route === 'faults') {
    if (method === 'GET') return json(res, 200, { faults: faults.list() });
    if (method === 'DELETE') {
      faults.clear();
      return json(res, 200, { cleared: true });
    }
    if (method === 'POST') {
      let input: unknown;
      try {
        input = JSON.parse((await readBody(req)).toString('utf8') || '{}');
      } catch {
        return json(res, 400, { error: 'the body must be a JSON fault: {"action":"SendSms","kind":"http5xx"}' });
      }
      try {
        return json(res, 201, faults.add(input));
      } catch (error) {
        const issues = (error as { issues?: Array<{ path: unknown[]; message: string }> }).issues;
        const detail = issues?.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        return json(res, 400, { error: detail ?? String(error) });
      }
    }
  } else if (route === 'sms-up' && method === 'POST') {
    if (!deps.simulateSmsUp) return json(res, 409, { error: 'the delivery simulation is off: no SmsUp can be pushed' });
    let input: SmsUpInput;
    try {
      input = JSON.parse((await readBody(req)).toString('utf8') || '{}') as SmsUpInput;
    } catch {
      return json(res, 400, { error: 'the body must be JSON: {"phoneNumber":"13800138000","content":"TD"}' });
    }
    try {
      return json(res, 200, await deps.simulateSmsUp(input));
    } catch (error) {
      return json(res, 400, { error: (error as Error).message });
    }
  } else if (route.startsWith('faults/') && method === 'DELETE') {
    return faults.remove(route.slice('faults/'.length)) ? json(res, 200, { removed: true }) : notFound(res, 'fault');
  } else {
    return notFound(res, `route ${pathname}`);
  }
  res.setHeader('allow', 'GET, POST, DELETE');
  json(res, 405, { error: `${method} is not allowed on ${pathname}` });
}
