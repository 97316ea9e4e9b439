import { EXIT, UsageError } from './io.js';
import type { RegisterCommand } from './run.js';
import { chooseLogFormat, logDestination } from './shared/log-format.js';

interface ServeOptions {
  port?: string;
  host?: string;
  config?: string;
  redis?: string;
  emulator?: boolean;
  trustProxy?: string[];
  logLevel?: string;
  logFormat?: string;
}

/**
 * `alisms serve`: the verification-code HTTP service. Prints its URL (and the inbox's, with `--emulator`)
 * once it accepts connections, then JSON log lines; stops on SIGINT/SIGTERM.
 */
export const register: RegisterCommand = (program, io, setExit) => {
  program
    .command('serve')
    .summary('run the verification-code HTTP service (with --emulator: no credentials needed)')
    .description(
      'POST /v1/verifications and /v1/verifications/check, delivery receipts, /healthz, /metrics, /openapi.json.\n' +
        'Options come from --config (YAML), then ALISMS_* variables, then these flags.',
    )
    .option('--port <port>', 'port to listen on, 0 picks a free one (default 8080)')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
    .option('--config <file>', 'alisms serve YAML configuration')
    .option('--redis <url>', 'Redis for limits, codes and receipts (default: in memory)')
    .option('--emulator', 'run the local Aliyun emulator on the same port and send through it')
    .option(
      '--trust-proxy <list...>',
      'proxies whose X-Forwarded-For is believed: addresses, CIDRs, loopback, private (comma-separated or repeated)',
    )
    .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent')
    .option(
      '--log-format <format>',
      'pretty (readable lines) or json (one JSON object a line); default: pretty on a terminal, else json (env ALISMS_LOG_FORMAT)',
    )
    .action(async (options: ServeOptions) => {
      let port: number | undefined;
      if (options.port !== undefined) {
        port = Number(options.port);
        if (!/^\d+$/.test(options.port) || port > 65535)
          throw new UsageError(`--port must be 0-65535, got "${options.port}"`);
      }
      const logFormat = chooseLogFormat(options.logFormat, io.env, io.stdout);
      // Loaded here so other commands do not pay for Hono, pino, prom-client and ioredis at start-up.
      const { ConfigError, loadServeConfig, PortUnavailableError, startService } = await import('@alisms/server');
      let running: Awaited<ReturnType<typeof startService>>;
      try {
        const config = await loadServeConfig(
          {
            ...(port === undefined ? {} : { port }),
            ...(options.host ? { host: options.host } : {}),
            ...(options.config ? { config: options.config } : {}),
            ...(options.redis ? { redis: options.redis } : {}),
            ...(options.emulator ? { emulator: true } : {}),
            ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
            ...(options.logLevel ? { logLevel: options.logLevel } : {}),
          },
          io.env,
          io.cwd,
        );
        running = await startService(config, {
          logDestination: await logDestination(logFormat, io.stdout),
          cwd: io.cwd,
        });
      } catch (error) {
        if (error instanceof ConfigError || error instanceof PortUnavailableError) throw new UsageError(error.message);
        throw error;
      }
      // One write, so a reader of the pipe gets the whole banner at once.
      io.stdout.write(
        `alisms serve listening on ${running.url}\n` +
          `  API      ${running.url}/v1/verifications   (OpenAPI ${running.url}/openapi.json)\n` +
          (running.inboxUrl ? `  inbox    ${running.inboxUrl}\n` : ''),
      );
      // Readable logs already show each warning once; next to JSON logs, a person reads them here.
      if (logFormat === 'json') for (const warning of running.warnings) io.stderr.write(`WARNING: ${warning}\n`);
      await new Promise<void>((done) => {
        if (!io.stopSignal || io.stopSignal.aborted) return done();
        io.stopSignal.addEventListener('abort', () => done(), { once: true });
      });
      await running.close();
      setExit(EXIT.ok);
    });
};
