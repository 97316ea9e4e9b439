import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { type AppDeps, type AppEnv, errorJson } from '../context.js';
import { smsReportPushSchema, smsUpPushSchema, toDeliveryStatus, toInboundSms } from '../receipts/parse.js';
import { type DeliveryStatus, ownerOf, publicStatus, type ReceiptEvent, reportEvent } from '../receipts/types.js';

function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/**
 * Aliyun's push cannot send an Authorization header, only call the configured URL; when
 * `receipts.token` is set the URL must carry it as `?token=`.
 */
function tokenOk(c: Context<AppEnv>, deps: AppDeps): boolean {
  return deps.receiptToken === undefined || sameSecret(c.req.query('token') ?? '', deps.receiptToken);
}

async function emit(deps: AppDeps, event: ReceiptEvent): Promise<void> {
  if (!deps.onReceipt) return;
  try {
    await deps.onReceipt(event);
  } catch (error) {
    // Already stored: a retry from Aliyun would be deduplicated, so the hook's failure is only logged.
    deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'receipt hook failed');
  }
}

/** Aliyun's HTTP push of SmsReport and SmsUp (spec 5.1), and `GET /v1/messages/{bizId}`. */
export function registerReceiptRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  const { metrics, receipts, logger } = deps;

  // Before the body is read: a refused push costs nothing but this check.
  app.use('/v1/receipts/*', async (c, next) => {
    if (!deps.receiptsEnabled) return c.json(errorJson('not_found', `no route for ${c.req.method} ${c.req.path}`), 404);
    const ip = c.get('clientIp');
    if (deps.receiptSources && (ip === undefined || !deps.receiptSources.trusts(ip)))
      return c.json({ code: 403, msg: 'source not allowed' }, 403);
    if (!tokenOk(c, deps)) return c.json({ code: 401, msg: 'bad token' }, 401);
    return next();
  });

  app.post('/v1/receipts/sms-report', async (c) => {
    c.set('route', '/v1/receipts/sms-report');
    const parsed = smsReportPushSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ code: 400, msg: 'body is not an SmsReport array' }, 400);
    const now = new Date(deps.clock.now());
    const fresh: DeliveryStatus[] = [];
    try {
      for (const item of parsed.data) {
        const stored = await receipts.applyStatus(toDeliveryStatus(item, now));
        metrics.receipts.inc({ kind: 'sms-report', result: stored ? 'new' : 'duplicate' });
        if (stored) fresh.push(stored);
      }
    } catch (error) {
      metrics.providerErrors.inc({ dependency: 'store', code: 'receipt_store' });
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'storing receipts failed');
      // A 5xx makes Aliyun push the batch again (1, 5 and 10 min later); the part stored already is deduplicated.
      return c.json({ code: 503, msg: 'storage unavailable, retry' }, 503);
    }
    for (const status of fresh) await emit(deps, reportEvent(status));
    if (fresh.length > 0 && deps.applyBulkReceipts) {
      try {
        await deps.applyBulkReceipts(fresh.map(publicStatus));
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'feeding bulk results failed');
      }
    }
    logger.info({ received: parsed.data.length, new: fresh.length }, 'sms-report push');
    return c.json({ code: 0, msg: '接收成功' }, 200);
  });

  app.post('/v1/receipts/sms-up', async (c) => {
    c.set('route', '/v1/receipts/sms-up');
    const parsed = smsUpPushSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ code: 400, msg: 'body is not an SmsUp array' }, 400);
    const now = new Date(deps.clock.now());
    const fresh = [];
    try {
      for (const item of parsed.data) {
        const message = toInboundSms(item, now);
        const isNew = await receipts.addInbound(message);
        metrics.receipts.inc({ kind: 'sms-up', result: isNew ? 'new' : 'duplicate' });
        if (isNew) fresh.push(message);
      }
    } catch (error) {
      metrics.providerErrors.inc({ dependency: 'store', code: 'receipt_store' });
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'storing MO replies failed');
      return c.json({ code: 503, msg: 'storage unavailable, retry' }, 503);
    }
    for (const message of fresh) await emit(deps, { type: 'up', message });
    return c.json({ code: 0, msg: '接收成功' }, 200);
  });

  app.get('/v1/messages/:bizId', async (c) => {
    c.set('route', '/v1/messages/{bizId}');
    const bizId = c.req.param('bizId');
    let recipients: DeliveryStatus[];
    try {
      recipients = await receipts.byBizId(bizId);
    } catch {
      return c.json(errorJson('unavailable', 'the store cannot be reached; try again later'), 503);
    }
    // A message belongs to the service whose key sent it (per-tenant services); another service's key is
    // told the same as for an unknown BizId, so it learns nothing about the other's traffic.
    if (recipients.length === 0 || ownerOf(recipients) !== c.get('service'))
      return c.json(errorJson('not_found', `no status known for BizId ${bizId}`), 404);
    return c.json({ bizId, recipients: recipients.map(publicStatus) }, 200);
  });
}
