import { EXIT, UsageError } from './io.js';
import type { RegisterCommand } from './run.js';
import { optionalDuration } from './shared/duration.js';
import { type RedisFlags, redisTargetOf, withTopologyFlags } from './shared/redis-target.js';

interface WorkerOptions extends RedisFlags {
  redis?: string;
  concurrency: string;
  prefix: string;
  endpoint?: string;
  stallTimeout: string;
  unknownDeadline?: string;
  resendUnknown?: boolean;
  maxWait?: string;
}

/** `alisms worker`: sends batches queued by `alisms bulk send --queue`, until SIGINT/SIGTERM. */
export const register: RegisterCommand = (program, io, setExit) => {
  const command = program
    .command('worker')
    .summary('send queued bulk batches (run on any number of machines)')
    .description(
      'Processes the BullMQ queue filled by `alisms bulk send --queue`. Every worker of a queue shares its\n' +
        'global QPS limit; a batch whose worker died mid-call is looked up before it is ever sent again.',
    )
    .option('--redis <url>', 'Redis URL of the queue (default: $REDIS_URL)')
    .option('--concurrency <n>', 'batches in flight in this worker', '8')
    .option('--prefix <prefix>', 'Redis key prefix of the queue', 'alisms')
    .option('--stall-timeout <ms>', 'take over batches of a worker that died after this long', '30000')
    .option(
      '--unknown-deadline <duration>',
      'look up a call whose answer was lost until this long after it started, for jobs that do not say (default: 70 s)',
    )
    .option(
      '--resend-unknown',
      'resend calls still unconfirmed at their deadline, for every job (a message may arrive twice)',
    )
    .option(
      '--max-wait <duration>',
      'retry a batch through an outage this long, for jobs that do not say (default: 10 min)',
    )
    .option('--endpoint <url>', 'Aliyun endpoint (default: $ALISMS_ENDPOINT, else dysmsapi.aliyuncs.com)');
  withTopologyFlags(command).action(async (options: WorkerOptions) => {
    const redis = redisTargetOf(options, io.env);
    if (!redis) throw new UsageError('pass --redis URL (or set REDIS_URL), --redis-cluster or --redis-sentinel');
    const concurrency = Number(options.concurrency);
    if (!Number.isInteger(concurrency) || concurrency <= 0)
      throw new UsageError(`--concurrency must be a positive integer, got "${options.concurrency}"`);
    const { SmsClient } = await import('alisms');
    const { startBulkWorker } = await import('@alisms/bulk/queue');
    const port = new SmsClient({
      env: io.env,
      retries: 0,
      maxSockets: concurrency,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
    const stallTimeoutMs = Number(options.stallTimeout);
    if (!Number.isFinite(stallTimeoutMs) || stallTimeoutMs < 1000)
      throw new UsageError(`--stall-timeout must be at least 1000 ms, got "${options.stallTimeout}"`);
    const running = await startBulkWorker({
      redis,
      prefix: options.prefix,
      concurrency,
      port,
      stallTimeoutMs,
      unknownDeadlineMs: optionalDuration(options.unknownDeadline, '--unknown-deadline'),
      maxWaitMs: optionalDuration(options.maxWait, '--max-wait'),
      resendUnknown: options.resendUnknown,
      // Says why batches are not moving while an outage lasts (and when it is over).
      onWait: (reason) => io.stderr.write(reason ? `waiting: ${reason}\n` : 'calls go through again\n'),
    });
    let sent = 0;
    let failed = 0;
    running.worker.on('completed', () => {
      sent += 1;
    });
    running.worker.on('failed', (job, error) => {
      failed += 1;
      io.stderr.write(`batch ${job?.id ?? '?'} failed: ${error.message}\n`);
    });
    io.stdout.write(`worker ready (concurrency ${concurrency}); stop with Ctrl-C\n`);
    await new Promise<void>((resolve) => {
      if (!io.stopSignal) return;
      if (io.stopSignal.aborted) return resolve();
      io.stopSignal.addEventListener('abort', () => resolve(), { once: true });
    });
    await running.close();
    io.stdout.write(`worker stopped: ${sent} batches done, ${failed} failed attempts\n`);
    setExit(EXIT.ok);
  });
};
