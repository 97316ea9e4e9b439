import type { OtpTestNumberUse } from '@alisms/otp';
import { maskPhone } from 'alisms';
import type { Logger } from './logger.js';
import type { ServerMetrics } from './metrics.js';

/**
 * Logs (number masked) and counts every use of a test number: fixed codes are a door into an account, so an
 * operator must see each time it opens, and a test number used from production traffic shows up at once.
 */
export function testNumberReporter(
  service: string,
  logger: Pick<Logger, 'info'>,
  metrics: Pick<ServerMetrics, 'testNumberUses'>,
): (use: OtpTestNumberUse) => void {
  return (use) => {
    const outcome = use.action === 'send' ? 'stored' : use.ok ? 'approved' : 'rejected';
    metrics.testNumberUses.inc({ service, action: use.action, outcome });
    logger.info(
      { to: maskPhone(use.to), purpose: use.purpose, action: use.action, outcome, service },
      'test number used: no message sent, fixed code',
    );
  };
}
