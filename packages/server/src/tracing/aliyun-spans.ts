import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { context, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { DIAGNOSTICS_CHANNELS, type RequestEndMessage, type RequestErrorMessage } from 'alisms';
import { serviceTracer } from './verification-spans.js';

/**
 * Turns the SDK's `node:diagnostics_channel` messages (`alisms:request:end`, `alisms:request:error`) into one
 * CLIENT span per HTTP attempt to Aliyun (`dysmsapi SendSms`), a child of the active span (the send), so a
 * trace shows the store and provider time apart. The span is built when the attempt ends, back-dated by its
 * measured duration: the messages carry no id to pair a start with its end. Attributes come from the
 * messages, which never hold keys, signatures, numbers or template values. Returns the unsubscribe function.
 *
 * @example
 * const stop = subscribeAliyunSpans();
 * process.once('SIGTERM', stop);
 */
export function subscribeAliyunSpans(tracer: Tracer = serviceTracer()): () => void {
  const span = (m: RequestEndMessage | RequestErrorMessage, more: Record<string, string | number>) =>
    tracer.startSpan(
      `${m.product} ${m.action}`,
      {
        kind: SpanKind.CLIENT,
        startTime: Date.now() - m.durationMs,
        attributes: {
          'rpc.system': 'aliyun',
          'rpc.service': m.product,
          'rpc.method': m.action,
          'server.address': m.host,
          'alisms.api_version': m.version,
          'alisms.attempt': m.attempt,
          ...more,
        },
      },
      context.active(),
    );
  const onEnd = (message: unknown) => {
    const m = message as RequestEndMessage;
    const s = span(m, {
      'http.response.status_code': m.status,
      ...(m.requestId ? { 'aliyun.request_id': m.requestId } : {}),
      ...(m.code ? { 'aliyun.code': m.code } : {}),
    });
    if (m.code && m.code !== 'OK') s.setStatus({ code: SpanStatusCode.ERROR, message: m.code });
    s.end();
  };
  const onError = (message: unknown) => {
    const m = message as RequestErrorMessage;
    const s = span(m, { 'error.type': m.errorName, 'alisms.error_code': m.code });
    s.setAttribute('alisms.request_sent', m.requestSent);
    s.setStatus({ code: SpanStatusCode.ERROR, message: m.code });
    s.end();
  };
  subscribe(DIAGNOSTICS_CHANNELS.end, onEnd);
  subscribe(DIAGNOSTICS_CHANNELS.error, onError);
  return () => {
    unsubscribe(DIAGNOSTICS_CHANNELS.end, onEnd);
    unsubscribe(DIAGNOSTICS_CHANNELS.error, onError);
  };
}
