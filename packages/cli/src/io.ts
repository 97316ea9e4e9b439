import type { Writable } from 'node:stream';

/** Everything a command touches of the outside world, so tests can run commands in-process. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands await it. */
  stopSignal?: AbortSignal;
  /** Emits `reload` when the process is asked to reload its configuration (SIGHUP); `alisms serve` listens. */
  reloadSignal?: EventTarget;
}

/** Exit codes shared by every command. `unknownOutcome`: `bulk send` left rows whose calls could not be confirmed. */
export const EXIT = { ok: 0, apiError: 1, usage: 2, unknownOutcome: 3 } as const;

/** Thrown by commands for a bad invocation: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
