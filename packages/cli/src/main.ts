import { run } from './run.js';

// The only place that exits the process: commands return codes, signals become an AbortSignal.
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => stop.abort(signal));
}
// SIGHUP reloads (`alisms serve`) instead of ending the process, its default.
const reload = new EventTarget();
process.on('SIGHUP', () => reload.dispatchEvent(new Event('reload')));
const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stopSignal: stop.signal,
  reloadSignal: reload,
});
process.exitCode = code;
