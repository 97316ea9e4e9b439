import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MailConfig } from '../config/resolve.js';
import type { FaultRegistry } from '../faults/faults.js';
import type { PushOutcome, SmsUpInput } from '../receipts/index.js';
import type { Catalog } from '../rules/catalog.js';
import type { Conversions } from '../rules/conversions.js';
import { serveCatalogApi } from './catalog-api.js';
import { BadInput, json, notFound, readJson } from './http.js';
import { serveMailTemplates } from './mail-templates-api.js';
import { type MessagesApiDeps, serveMessages } from './messages-api.js';
import type { EventStreams } from './sse.js';

export const API_PREFIX = '/_emulator/api/';

/** What the inspection API works on: one emulator's store, faults, event streams and delivery. */
export interface InspectApiDeps extends MessagesApiDeps {
  /** Signs and templates, for the review routes (`signs`, `templates`, `…/review`). */
  catalog?: Catalog;
  /** Conversion feedback received, for `GET conversions`. */
  conversions?: Conversions;
  /** Direct Mail templates, for `GET`/`POST mail/templates`. */
  mail?: MailConfig;
  faults: FaultRegistry;
  events: EventStreams;
  /** Pushes an SmsUp (MO reply) to `receipts.upPushUrl`; absent when delivery is off. */
  simulateSmsUp?: (input: SmsUpInput) => Promise<PushOutcome>;
}

function zodDetail(error: unknown): string {
  const issues = (error as { issues?: Array<{ path: unknown[]; message: string }> }).issues;
  return issues?.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') ?? String(error);
}

async function serveFaultsAndReplies(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  deps: InspectApiDeps,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  const { faults } = deps;
  if (route === 'faults') {
    if (method === 'GET') json(res, 200, { faults: faults.list() });
    else if (method === 'DELETE') {
      faults.clear();
      json(res, 200, { cleared: true });
    } else if (method === 'POST') {
      const input = await readJson(req, '{"action":"SendSms","kind":"http5xx"}');
      try {
        json(res, 201, faults.add(input));
      } catch (error) {
        json(res, 400, { error: zodDetail(error) });
      }
    } else return false;
    return true;
  }
  if (route.startsWith('faults/')) {
    if (method !== 'DELETE') return false;
    if (faults.remove(decodeURIComponent(route.slice('faults/'.length)))) json(res, 200, { removed: true });
    else notFound(res, 'fault');
    return true;
  }
  if (route === 'sms-up') {
    if (method !== 'POST') return false;
    if (!deps.simulateSmsUp) {
      json(res, 409, { error: 'the delivery simulation is off: no SmsUp can be pushed' });
      return true;
    }
    const input = (await readJson(req, '{"phoneNumber":"13800138000","content":"TD"}')) as unknown as SmsUpInput;
    try {
      json(res, 200, await deps.simulateSmsUp(input));
    } catch (error) {
      json(res, 400, { error: (error as Error).message });
    }
    return true;
  }
  notFound(res, `route /_emulator/api/${route}`);
  return true;
}

/**
 * The inspection API: the page's, the CLI's and the tests' one view of the emulator.
 * Messages: `GET messages` (`to`, `since`, `bizId`, `channel`, `status`, `before`, `limit`),
 * `DELETE messages` (all, or `?to=` one conversation), `GET messages/latest?to=`, `GET|DELETE messages/:id`,
 * `GET messages/:id/raw|eml|attachments[/:n]`, `POST messages/:id/delivery`.
 * Also `GET events` (SSE), `GET|POST|DELETE faults`, `DELETE faults/:id`, `POST sms-up` (simulate a reply).
 * State-changing calls take JSON bodies.
 */
export async function serveApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  rawQuery: string,
  deps: InspectApiDeps,
): Promise<void> {
  const route = pathname.slice(API_PREFIX.length).replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  const catalogAnswer = deps.catalog ? await serveCatalogApi(req, route, deps.catalog) : undefined;
  if (catalogAnswer) return json(res, catalogAnswer.status, catalogAnswer.body);
  if (route === 'conversions' && method === 'GET' && deps.conversions) {
    const reports = [...deps.conversions.messages.values()];
    const converted = reports.filter((r) => r.delivered).length;
    return json(res, 200, { messages: reports, rates: deps.conversions.rates, converted, reported: reports.length });
  }
  try {
    let served: boolean;
    if (route === 'messages' || route.startsWith('messages/'))
      served = await serveMessages(req, res, route, rawQuery, deps);
    else if (route === 'mail/templates' && deps.mail) served = await serveMailTemplates(req, res, route, deps.mail);
    else if (route === 'events' && method === 'GET') {
      deps.events.attach(res);
      served = true;
    } else served = await serveFaultsAndReplies(req, res, route, deps);
    if (served) return;
  } catch (error) {
    if (error instanceof BadInput) return json(res, 400, { error: error.message });
    throw error;
  }
  res.setHeader('allow', 'GET, POST, DELETE');
  json(res, 405, { error: `${method} is not allowed on ${pathname}` });
}
