import { Writable } from 'node:stream';
import type { CliIo } from '../io.js';

/** A `CliIo` whose output is kept in memory: for running commands in-process in tests and tools. */
export interface CapturedIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
}

function sink(chunks: string[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
}

/** `env` replaces the process environment entirely, so a test sees only the variables it sets. */
export function captureIo(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: sink(out), stderr: sink(err), env, cwd },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
