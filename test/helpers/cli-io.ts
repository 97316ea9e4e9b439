import { PassThrough } from 'node:stream';

/**
 * The streams, environment and stop signal that the CLI's `run()` takes, with what it wrote collected. The stop
 * signal is already aborted, so a `serve` that starts stops at once.
 */
export function cliIo(env: NodeJS.ProcessEnv = {}, cwd: string = process.cwd()) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const controller = new AbortController();
  controller.abort();
  return {
    io: { stdout, stderr, env, cwd, stopSignal: controller.signal },
    out: () => out,
    err: () => err,
  };
}
