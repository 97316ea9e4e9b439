import type { MessageProduct, MessageQuery, MessageStatus } from '../store/types.js';
import { parseParams } from '../wire/params.js';
import { BadInput } from './http.js';

/** `?channel=` values: one per kind of message the emulator keeps. */
export const CHANNELS: readonly MessageProduct[] = ['sms', 'intl', 'mail', 'dypns'];

/** `?status=` values; `pending` is the API's word for the store's `waiting`. */
const STATUSES: Record<string, MessageStatus> = {
  pending: 'waiting',
  waiting: 'waiting',
  delivered: 'delivered',
  failed: 'failed',
};

/** Largest page `GET messages` returns; older messages are reached with `?before=`. */
export const MAX_PAGE = 10_000;

/**
 * The query of `GET /_emulator/api/messages`: `to`, `since`, `bizId`, `channel` (or the older
 * `product`), `status`, and paging with `before` + `limit`. Unknown values are a 400, not an empty list:
 * a typo in a test's filter must not look like "no messages".
 */
export function parseMessageQuery(rawQuery: string): MessageQuery {
  const q = parseParams(rawQuery);
  const query: MessageQuery = {};
  if (q.to) query.to = q.to;
  if (q.since) query.since = q.since;
  if (q.bizId) query.bizId = q.bizId;
  if (q.before) query.before = q.before;
  if (q.limit !== undefined) {
    const limit = Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
      throw new BadInput(`limit must be a whole number from 1 to ${MAX_PAGE}, got "${q.limit}"`);
    query.limit = limit;
  }
  const channel = q.channel ?? q.product;
  if (channel) {
    if (!(CHANNELS as readonly string[]).includes(channel))
      throw new BadInput(`channel must be one of ${CHANNELS.join(', ')}, got "${channel}"`);
    query.product = channel as MessageProduct;
  }
  if (q.status) {
    const status = Object.hasOwn(STATUSES, q.status) ? STATUSES[q.status] : undefined;
    if (!status) throw new BadInput(`status must be one of pending, delivered, failed, got "${q.status}"`);
    query.status = status;
  }
  return query;
}
