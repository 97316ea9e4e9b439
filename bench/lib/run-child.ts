// Spawning the benchmark's child processes: the server, one client run, one import-time probe.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RoundResult } from './client-child.js';
import type { ClientKind } from './clients.js';
import { repoRoot } from './paths.js';
import type { BenchBuild } from './prepare.js';

const execFileAsync = promisify(execFile);

export interface ServerHandle {
  url: string;
  stop(): Promise<void>;
}

/** Starts `server.js` from `childDir` and resolves once it prints its port. */
export function startServer(childDir: string, latencyMs = 0): Promise<ServerHandle> {
  const child: ChildProcess = spawn(process.execPath, [join(childDir, 'server.js')], {
    cwd: repoRoot,
    env: { ...process.env, ALISMS_BENCH_LATENCY_MS: String(latencyMs) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`benchmark server exited early (code ${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const match = /LISTENING (\d+)/.exec(buffered);
      if (!match) return;
      child.removeAllListeners('exit');
      resolve({
        url: `http://127.0.0.1:${match[1]}`,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.stdin?.end();
          }),
      });
    });
  });
}

export interface ClientRunOptions {
  durationMs: number;
  warmupMs: number;
  concurrency: number;
}

/** Runs one client for one round in a fresh process and returns what it measured. */
export async function runClient(
  { childDir, alismsEntry }: BenchBuild,
  kind: ClientKind,
  url: string,
  options: ClientRunOptions,
): Promise<RoundResult> {
  const args = [
    join(childDir, 'client-child.js'),
    kind,
    url,
    String(options.durationMs),
    String(options.warmupMs),
    String(options.concurrency),
  ];
  const { stdout } = await execFileAsync(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ALISMS_BENCH_ENTRY: alismsEntry },
    timeout: options.durationMs + options.warmupMs + 30_000,
    maxBuffer: 1 << 20,
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as RoundResult;
}

/** Wall and CPU milliseconds of one measured step in a fresh process. */
export type Timing = { wallMs: number; cpuMs: number };

/**
 * Wall and CPU milliseconds a fresh `node` spends in `import(specifier)`, run from the repository
 * (package names resolve as for the children; pass a file URL for the compiled SDK).
 */
export async function importTime(specifier: string): Promise<Timing> {
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(specifier)});
const u = process.cpuUsage(c); console.log(JSON.stringify({ wallMs: performance.now() - t, cpuMs: (u.user + u.system) / 1000 }));`;
  const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot });
  return JSON.parse(stdout.trim()) as Timing;
}

/**
 * A cold start: wall and CPU milliseconds a fresh `node` spends importing one client, building it
 * and getting one SendSms answered by the server at `url` (bench/lib/first-answer-child.ts).
 */
export async function firstAnswerTime(
  { childDir, alismsEntry }: BenchBuild,
  kind: ClientKind,
  url: string,
): Promise<Timing> {
  const { stdout } = await execFileAsync(process.execPath, [join(childDir, 'first-answer-child.js'), kind, url], {
    cwd: repoRoot,
    env: { ...process.env, ALISMS_BENCH_ENTRY: alismsEntry },
    timeout: 30_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as Timing;
}
