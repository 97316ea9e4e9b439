import { type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { VERSION } from 'alisms';
import type { CheckOutcome, SendOutcome, VerificationService } from '../ports.js';

/** The tracer every span of the service comes from: a no-op until the application registers an OpenTelemetry SDK. */
export function serviceTracer(): Tracer {
  return trace.getTracer('@alisms/server', VERSION);
}

/**
 * Wraps a {@link VerificationService} so each send and check is a span (`alisms.verification.send`,
 * `alisms.verification.check`) with the channel, purpose and outcome, and the Aliyun call beneath it (see
 * {@link subscribeAliyunSpans}) as its child. Attributes never hold the destination or the code. Without an
 * OpenTelemetry SDK installed, `@opentelemetry/api` hands out no-op spans: nothing is recorded.
 *
 * @example
 * const verifications = traceVerifications(fromOtp(createOtp(options)));
 */
export function traceVerifications(
  service: VerificationService,
  tracer: Tracer = serviceTracer(),
): VerificationService {
  return {
    send: (input) =>
      tracer.startActiveSpan(
        'alisms.verification.send',
        { kind: SpanKind.INTERNAL, attributes: { 'alisms.channel': input.channel, 'alisms.purpose': input.purpose } },
        (span) => settle(span, service.send(input), sendAttributes),
      ),
    check: (input) =>
      tracer.startActiveSpan(
        'alisms.verification.check',
        { kind: SpanKind.INTERNAL, attributes: { 'alisms.purpose': input.purpose } },
        (span) => settle(span, service.check(input), checkAttributes),
      ),
  };
}

async function settle<T>(span: Span, work: Promise<T>, describe: (outcome: T, span: Span) => void): Promise<T> {
  try {
    const outcome = await work;
    describe(outcome, span);
    return outcome;
  } catch (error) {
    // The class name only: a message may quote an input.
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    throw error;
  } finally {
    span.end();
  }
}

function sendAttributes(outcome: SendOutcome, span: Span): void {
  if (outcome.ok) {
    span.setAttributes({ 'alisms.outcome': 'sent', 'alisms.send_id': outcome.id });
    return;
  }
  span.setAttribute('alisms.outcome', outcome.reason);
  if (outcome.reason === 'rate_limited') span.setAttribute('alisms.limit', outcome.limit);
  if ('code' in outcome) span.setAttribute('alisms.error_code', outcome.code);
  // A refusal by policy is the service working; an unreachable or failing dependency is an error.
  if (outcome.reason === 'unavailable' || outcome.reason === 'provider_refused' || outcome.reason === 'outcome_unknown')
    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.reason });
}

function checkAttributes(outcome: CheckOutcome, span: Span): void {
  span.setAttribute('alisms.outcome', outcome.status);
  if (outcome.status === 'rate_limited') span.setAttribute('alisms.limit', outcome.limit);
  if (outcome.status === 'unavailable') span.setStatus({ code: SpanStatusCode.ERROR, message: 'unavailable' });
}
