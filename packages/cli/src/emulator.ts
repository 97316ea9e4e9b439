import { resolve } from 'node:path';
import { EXIT, UsageError } from './io.js';
import type { RegisterCommand } from './run.js';

interface EmulatorOptions {
  host: string;
  port: string;
  config?: string;
  data?: string;
  allowedHosts?: string[];
}

function splitList(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * `alisms emulator`: runs the local Aliyun (SMS, international SMS, Direct Mail) until SIGINT/SIGTERM.
 * Prints `alisms emulator listening on URL` once it accepts connections (scripts wait for that first
 * line), then the inbox URL.
 */
export const register: RegisterCommand = (program, io, setExit) => {
  program
    .command('emulator')
    .summary('run a local Aliyun SMS + Direct Mail emulator (inbox at /_emulator/)')
    .description(
      'Answers the official Aliyun clients on one port (RPC v1 and V3 signatures verified), keeps every message\n' +
        'for the inbox page and the /_emulator/api/ JSON API. Default credentials: testid / testsecret.',
    )
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8787')
    .option('--config <file>', 'emulator.yaml: access keys, signs, templates, flow control, faults, receipts')
    .option('--data <file>', 'keep messages across restarts in this JSON-lines file')
    .option(
      '--allowed-hosts <list...>',
      'host names besides localhost the inbox and inspection API answer to (comma-separated or repeated)',
    )
    .action(async (options: EmulatorOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port must be 0-65535, got "${options.port}"`);
      // Loaded here so other commands do not pay for the emulator's modules at start-up.
      const { loadEmulatorConfig, startEmulator } = await import('@alisms/emulator');
      let config: Awaited<ReturnType<typeof loadEmulatorConfig>> | undefined;
      try {
        if (options.config) config = await loadEmulatorConfig(resolve(io.cwd, options.config));
      } catch (error) {
        // A bad config file is a bad invocation: exit code 2 with the file and the offending keys named.
        throw new UsageError((error as Error).message);
      }
      const dataFile = options.data ? resolve(io.cwd, options.data) : undefined;
      const allowedHosts = options.allowedHosts ? splitList(options.allowedHosts) : undefined;
      const running = await startEmulator({
        host: options.host,
        port,
        ...(config ? { config: allowedHosts ? { ...config, allowedHosts } : config } : {}),
        ...(!config && allowedHosts ? { config: { allowedHosts } } : {}),
        ...(dataFile ? { dataFile } : {}),
        log: (line) => io.stderr.write(`alisms emulator: ${line}\n`),
      });
      // One write, so a reader of the pipe gets both lines at once; the first line stays what scripts wait for.
      io.stdout.write(`alisms emulator listening on ${running.url}\n  inbox    ${running.url}/_emulator/\n`);
      await new Promise<void>((done) => {
        if (!io.stopSignal || io.stopSignal.aborted) return done();
        io.stopSignal.addEventListener('abort', () => done(), { once: true });
      });
      await running.close();
      setExit(EXIT.ok);
    });
};
