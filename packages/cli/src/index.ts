/**
 * `@alisms/cli`: the `alisms` command. Its runner is exported for programs and tests that want to run a
 * command in-process: `run(argv, io)` returns the exit code and never exits the process.
 * @packageDocumentation
 */
export type { CliIo } from './io.js';
export { run } from './run.js';
