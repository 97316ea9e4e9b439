import type { IncomingMessage } from 'node:http';
import type { Catalog, ReviewStatus } from '../rules/catalog.js';
import { readBody } from '../wire/read-body.js';

/** One answer of the inspection API: status and JSON body. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

const STATUSES: readonly ReviewStatus[] = ['approved', 'rejected', 'pending'];

function view(catalog: Catalog, entry: { createdAt: number; status?: ReviewStatus; rejectReason?: string }) {
  return { status: catalog.statusOf(entry), rejectReason: entry.rejectReason ?? null };
}

/**
 * The review side of the catalogue: `GET signs`, `GET templates` (every entry with its review status now) and
 * `POST signs/:name/review` / `POST templates/:code/review` with `{"status":"rejected","reason":"…"}` (or
 * `approved`, or `pending` to hold it in review). Undefined when the route is not one of these.
 */
export async function serveCatalogApi(
  req: IncomingMessage,
  route: string,
  catalog: Catalog,
): Promise<ApiAnswer | undefined> {
  const method = req.method ?? 'GET';
  if (method === 'GET' && route === 'signs')
    return {
      status: 200,
      body: { signs: [...catalog.signs.values()].map((s) => ({ name: s.name, type: s.type, ...view(catalog, s) })) },
    };
  if (method === 'GET' && route === 'templates')
    return {
      status: 200,
      body: {
        templates: [...catalog.templates.values()].map((t) => ({
          code: t.code,
          name: t.name,
          type: t.type,
          ...view(catalog, t),
        })),
      },
    };
  const match = /^(signs|templates)\/([^/]+)\/review$/.exec(route);
  if (!match) return undefined;
  if (method !== 'POST')
    return { status: 405, body: { error: `${method} is not allowed; POST {"status":"rejected","reason":"…"}` } };
  const key = decodeURIComponent(match[2] as string);
  const entry = match[1] === 'signs' ? catalog.signs.get(key) : catalog.templates.get(key);
  if (!entry) return { status: 404, body: { error: `${match[1] === 'signs' ? 'sign' : 'template'} ${key} not found` } };
  let input: { status?: unknown; reason?: unknown };
  try {
    input = JSON.parse((await readBody(req)).toString('utf8') || '{}');
  } catch {
    return { status: 400, body: { error: 'the body must be JSON: {"status":"rejected","reason":"…"}' } };
  }
  if (!STATUSES.includes(input.status as ReviewStatus))
    return { status: 400, body: { error: `status must be one of ${STATUSES.join(', ')}` } };
  if (input.reason !== undefined && typeof input.reason !== 'string')
    return { status: 400, body: { error: 'reason must be a string' } };
  catalog.review(entry, input.status as ReviewStatus, input.reason as string | undefined);
  return { status: 200, body: view(catalog, entry) };
}
