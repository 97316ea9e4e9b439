import { type CliIo, EXIT, UsageError } from './io.js';
import type { RegisterCommand } from './run.js';
import { durationMs } from './shared/duration.js';
import { describeTarget, type RedisFlags, redisTargetOf, withTopologyFlags } from './shared/redis-target.js';

interface SendOptions {
  sign?: string;
  template?: string;
  templateText?: string;
  format?: string;
  qps: string;
  concurrency: string;
  journal?: string;
  out?: string;
  dryRun?: boolean;
  endpoint?: string;
  queue?: string | boolean;
  prefix: string;
  json?: boolean;
  encoding?: string;
  sheet?: string;
  allowDuplicates?: boolean;
  unknownDeadline: string;
  resendUnknown?: boolean;
  maxWait: string;
  restart?: boolean;
  redisCluster?: string[];
  redisSentinel?: string[];
  redisMaster?: string;
}

interface StatusOptions extends RedisFlags {
  json?: boolean;
  redis?: string;
  queue?: string;
  prefix: string;
  out?: string;
  journal?: string;
}

/** `alisms bulk send` and `alisms bulk status`: bulk sending in this process or through a BullMQ queue. */
export const register: RegisterCommand = (program, io, setExit) => {
  const bulk = program.command('bulk').summary('send one template to a CSV or JSON Lines file of recipients');
  const sendCommand = bulk
    .command('send')
    .description(
      'Sends one template to every row of INPUT (CSV with a "phone" column and one column per template variable,\n' +
        'or JSON Lines). Re-running the same command resumes from the journal without sending any row twice.',
    )
    .argument('<input>', 'recipients file (.csv, .xlsx, or .jsonl/.ndjson for JSON Lines)')
    .option('--sign <name>', 'signature (SignName)')
    .option('--template <code>', 'template code, e.g. SMS_123')
    .option('--template-text <text>', 'template content with ${var}: checks variables and lengths, counts segments')
    .option('--format <format>', 'csv, jsonl or xlsx (default: from the file name)')
    .option(
      '--encoding <name>',
      'text encoding of a CSV/JSONL file: utf-8, gbk, gb18030, utf-16le (default: utf-8, or its BOM)',
    )
    .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
    .option(
      '--allow-duplicates',
      'send rows that repeat an earlier row exactly (default: sent once, reported duplicate)',
    )
    .option(
      '--unknown-deadline <duration>',
      'look up a call whose answer was lost until this long after it started',
      '70 s',
    )
    .option('--resend-unknown', 'resend calls still unconfirmed at their deadline (a message may arrive twice)')
    .option('--max-wait <duration>', 'keep retrying through an outage this long before stopping', '10 min')
    .option('--restart', 'start a new job even if the journal is for a different input or options')
    .option('--qps <n>', 'API calls per second', '50')
    .option('--concurrency <n>', 'calls in flight at once', '8')
    .option('--journal <file>', 'journal file (default: INPUT.journal)')
    .option('--out <file>', 'write per-row results here (CSV)')
    .option('--dry-run', 'validate and count only; send nothing')
    .option('--endpoint <url>', 'Aliyun endpoint (default: $ALISMS_ENDPOINT, else dysmsapi.aliyuncs.com)')
    .option(
      '--queue [redis-url]',
      'enqueue batches as BullMQ jobs for `alisms worker` instead of sending here (Redis: this URL, $REDIS_URL, or the flags below)',
    )
    .option('--prefix <prefix>', 'Redis key prefix of the queue', 'alisms')
    .option('--json', 'print the summary (or dry-run report, or enqueued job) as one JSON object on stdout');
  withTopologyFlags(sendCommand).action(async (input: string, options: SendOptions) =>
    setExit(await send(io, input, options)),
  );
  const statusCommand = bulk
    .command('status')
    .description('Progress of queued bulk jobs across workers (with JOB: one job), or of a local journal (--journal).')
    .argument('[job]', 'bulk job id printed by `alisms bulk send --queue`')
    .option('--redis <url>', 'Redis URL of the queue (default: $REDIS_URL)')
    .option('--queue <url>', 'same as --redis')
    .option('--prefix <prefix>', 'Redis key prefix of the queue', 'alisms')
    .option('--out <file>', 'with JOB: write its per-row results here (CSV)')
    .option('--journal <file>', 'report on a local job journal instead of a queue')
    .option('--json', 'print the status as one JSON object');
  withTopologyFlags(statusCommand).action(async (job: string | undefined, options: StatusOptions) =>
    setExit(await status(io, job, options)),
  );
};

/** Invalid rows printed during a send; the results file lists them all. */
const MAX_INVALID_SHOWN = 20;

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got "${value}"`);
  return n;
}

/** One JSON object, one line: what `--json` prints for scripts (`| jq`). */
function printJson(io: CliIo, value: unknown): number {
  io.stdout.write(`${JSON.stringify(value)}\n`);
  return EXIT.ok;
}

function resolvePath(io: CliIo, path: string): string {
  return path.startsWith('/') ? path : `${io.cwd.replace(/\/$/, '')}/${path}`;
}

async function send(io: CliIo, inputArg: string, options: SendOptions): Promise<number> {
  if (!options.sign) throw new UsageError('--sign is required (the SignName, e.g. --sign Acme)');
  if (!options.template) throw new UsageError('--template is required (the TemplateCode, e.g. --template SMS_123)');
  if (options.format && options.format !== 'csv' && options.format !== 'jsonl' && options.format !== 'xlsx')
    throw new UsageError('--format must be csv, jsonl or xlsx');
  const qps = positiveInt(options.qps, '--qps');
  const concurrency = Math.floor(positiveInt(options.concurrency, '--concurrency'));
  const unknownDeadlineMs = durationMs(options.unknownDeadline, '--unknown-deadline');
  const maxWaitMs = durationMs(options.maxWait, '--max-wait');
  const bulkLib = await import('@alisms/bulk');
  const input = resolvePath(io, inputArg);
  let encoding: ReturnType<typeof bulkLib.parseEncoding> | undefined;
  try {
    encoding = options.encoding ? bulkLib.parseEncoding(options.encoding) : undefined;
  } catch (error) {
    throw new UsageError(`--encoding: ${(error as Error).message}`);
  }
  const spec = {
    input,
    format: options.format as 'csv' | 'jsonl' | 'xlsx' | undefined,
    encoding,
    sheet: options.sheet,
    allowDuplicates: options.allowDuplicates,
    signName: options.sign,
    templateCode: options.template,
    templateText: options.templateText,
  };
  try {
    await (await import('node:fs/promises')).access(input);
  } catch {
    throw new UsageError(`cannot read ${inputArg}`);
  }
  // Input problems (empty, binary, wrong encoding, a giant row) and a journal of another job are the
  // caller's to fix: usage errors, exit 2, nothing sent. A journal locked by a live run: exit 1.
  const userError = (error: unknown): never => {
    if (error instanceof bulkLib.BulkInputError || error instanceof bulkLib.JournalMismatchError)
      throw new UsageError(error.message);
    throw error;
  };
  if (options.dryRun) {
    const report = await bulkLib.dryRun(spec).catch(userError);
    if (options.json) return printJson(io, { dryRun: true, ...report });
    for (const bad of report.invalidRows) io.stdout.write(`invalid row ${bad.row}: ${bad.reason}\n`);
    if (report.invalid > report.invalidRows.length)
      io.stdout.write(`... and ${report.invalid - report.invalidRows.length} more invalid rows\n`);
    io.stdout.write(
      `rows ${report.rows}, valid ${report.valid}, invalid ${report.invalid}, duplicate ${report.duplicate}` +
        `${report.samePhoneDifferentParams ? `, same number with different parameters ${report.samePhoneDifferentParams}` : ''}\n` +
        `calls ${report.calls.SendSms + report.calls.SendBatchSms} (SendSms ${report.calls.SendSms}, SendBatchSms ${report.calls.SendBatchSms})\n` +
        `segments ${report.segments ?? 'unknown (pass --template-text)'}\n` +
        `estimated billed messages ${report.estimatedBilled}\n`,
    );
    return EXIT.ok;
  }
  if (options.queue !== undefined) {
    const target = redisTargetOf(options, io.env, typeof options.queue === 'string' ? options.queue : undefined);
    if (!target) throw new UsageError('--queue needs Redis: a URL, $REDIS_URL, --redis-cluster or --redis-sentinel');
    const { enqueueBulkJob } = await import('@alisms/bulk/queue');
    const result = await enqueueBulkJob({
      redis: target,
      prefix: options.prefix,
      spec,
      qps,
      unknownDeadlineMs,
      maxWaitMs,
      resendUnknown: options.resendUnknown,
    }).catch(userError);
    if (options.json) return printJson(io, { queued: true, ...result });
    io.stdout.write(
      `job ${result.jobId}: ${result.batches} batches enqueued, ${result.valid} valid rows, ${result.invalid} invalid` +
        `${result.duplicate ? `, ${result.duplicate} duplicate` : ''}` +
        `${result.requeued ? `, ${result.requeued} unknown batches queued again` : ''}\n` +
        `follow it with: alisms bulk status ${result.jobId} ${describeTarget(target)}\n`,
    );
    return EXIT.ok;
  }
  const { SmsClient } = await import('alisms');
  const port = new SmsClient({
    env: io.env,
    retries: 0,
    maxSockets: concurrency,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  const display = await bulkLib.createProgressDisplay({
    stream: io.stderr,
    total: await bulkLib.countRows(input, spec.format),
  });
  let summary: Awaited<ReturnType<typeof bulkLib.runBulkJob>>;
  let invalidShown = 0;
  const showInvalid = (bad: { row: number; reason: string }) => {
    if (invalidShown++ < MAX_INVALID_SHOWN) io.stderr.write(`invalid row ${bad.row}: ${bad.reason}\n`);
  };
  try {
    summary = await bulkLib.runBulkJob({
      ...spec,
      port,
      qps,
      concurrency,
      unknownDeadlineMs,
      resendUnknown: options.resendUnknown,
      maxWaitMs,
      restart: options.restart,
      journalPath: options.journal ? resolvePath(io, options.journal) : undefined,
      resultsPath: options.out ? resolvePath(io, options.out) : undefined,
      signal: io.stopSignal,
      onProgress: (p) => display.update(p),
      onInvalid: showInvalid,
    });
  } catch (error) {
    if (error instanceof bulkLib.JournalLockedError) {
      io.stderr.write(`alisms: ${error.message}\n`);
      return EXIT.apiError;
    }
    return userError(error);
  } finally {
    display.stop();
  }
  if (invalidShown > MAX_INVALID_SHOWN)
    io.stderr.write(
      `... and ${invalidShown - MAX_INVALID_SHOWN} more invalid rows${options.out ? ` (all in ${options.out})` : ''}\n`,
    );
  const rate = summary.elapsedMs > 0 ? ((summary.calls * 1000) / summary.elapsedMs).toFixed(1) : '0';
  if (options.json) {
    const { error, ...rest } = summary;
    printJson(io, { ...rest, ...(error ? { error: { code: error.code, message: error.message } } : {}) });
  } else
    io.stdout.write(
      `job ${summary.jobId}: ${summary.rows} rows, ${summary.submitted} submitted, ${summary.failed} failed, ` +
        `${summary.invalid} invalid, ${summary.pending} pending${summary.unknown ? `, ${summary.unknown} unknown` : ''}` +
        `${summary.duplicate ? `, ${summary.duplicate} duplicate` : ''}; ${summary.calls} calls in ${(summary.elapsedMs / 1000).toFixed(1)} s (${rate} calls/s)` +
        `${summary.resumed ? `, ${summary.resumed} rows already done` : ''}${summary.reconciled ? `, ${summary.reconciled} calls reconciled` : ''}` +
        `${summary.throttled ? `, throttled ${summary.throttled} times` : ''}\n`,
    );
  if (summary.samePhoneDifferentParams > 0)
    io.stderr.write(
      `alisms: ${summary.samePhoneDifferentParams} rows repeat an earlier number with different parameters (each was sent); check the input\n`,
    );
  if (summary.outcome === 'fatal' && summary.error) {
    io.stderr.write(
      `alisms: stopped: ${summary.error.code}: ${summary.error.message}\nFix the cause and re-run the same command to resume.\n`,
    );
    return EXIT.apiError;
  }
  if (summary.outcome === 'stopped') {
    io.stderr.write('alisms: stopped before the end; re-run the same command to resume.\n');
    return EXIT.apiError;
  }
  if (summary.unknown > 0) {
    io.stderr.write(
      `alisms: ${summary.unknown} rows have an unknown outcome: their answers were lost and Aliyun did not list ` +
        `them by the deadline${options.out ? ` (status "unknown" in ${options.out})` : ''}. They may or may not have been sent. ` +
        'Re-run with --resend-unknown to send them again (a recipient may get the message twice).\n',
    );
    return EXIT.unknownOutcome;
  }
  return summary.failed > 0 ? EXIT.apiError : EXIT.ok;
}

async function status(io: CliIo, job: string | undefined, options: StatusOptions): Promise<number> {
  if (options.journal) {
    const { readJournal } = await import('@alisms/bulk');
    const contents = await readJournal(resolvePath(io, options.journal));
    if (!contents) throw new UsageError(`no journal at ${options.journal}`);
    // A split batch's rows are counted by its parts' outcomes.
    const counts = { ok: 0, fail: 0, sending: 0, unknown: 0, split: 0 };
    for (const state of contents.states.values()) counts[state.s] += 1;
    for (const state of contents.parts.values()) counts[state.s] += 1;
    if (options.json)
      return printJson(io, {
        jobId: contents.jobId,
        batches: { submitted: counts.ok, failed: counts.fail, lookingUp: counts.sending, unknown: counts.unknown },
      });
    io.stdout.write(
      `job ${contents.jobId}: ${counts.ok} batches submitted, ${counts.fail} failed, ${counts.sending} with an unknown outcome (looked up on resume), ` +
        `${counts.unknown} unseen by their deadline (resent only with --resend-unknown)\n`,
    );
    return EXIT.ok;
  }
  const redis = redisTargetOf(options, io.env, options.redis ?? options.queue);
  if (!redis)
    throw new UsageError(
      'pass --redis URL (or set REDIS_URL), --redis-cluster or --redis-sentinel, or --journal FILE for a local job',
    );
  const queue = await import('@alisms/bulk/queue');
  if (!job) {
    const overview = await queue.queueOverview({ redis, prefix: options.prefix });
    if (options.json) return printJson(io, overview);
    io.stdout.write(queue.formatOverview(overview));
    return EXIT.ok;
  }
  const report = await queue.bulkJobStatus({ redis, prefix: options.prefix, jobId: job });
  if (!report) {
    io.stderr.write(`alisms: no bulk job ${job} in this queue\n`);
    return EXIT.usage;
  }
  if (options.json) {
    const written = options.out
      ? await queue.writeQueuedResults({ redis, prefix: options.prefix, jobId: job }, resolvePath(io, options.out))
      : undefined;
    return printJson(io, { ...report, ...(written === undefined ? {} : { resultsWritten: written }) });
  }
  io.stdout.write(queue.formatJobStatus(report));
  if (options.out) {
    const rows = await queue.writeQueuedResults(
      { redis, prefix: options.prefix, jobId: job },
      resolvePath(io, options.out),
    );
    io.stdout.write(`results: ${rows} rows written to ${options.out}\n`);
  }
  return EXIT.ok;
}
