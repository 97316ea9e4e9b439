// Shared set-up of the bulk tests: an emulator with a notification template, recipients files,
// the CLI run in-process or as a child process (`node packages/cli/bin/alisms.js ...`).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { type EmulatorConfigInput, type RunningEmulator, startEmulator } from '@alisms/emulator';
import { run } from '../../packages/cli/src/run.js';
import { captureIo } from '../../packages/cli/src/shared/capture-io.js';

export const SIGN = 'Acme';
export const TEMPLATE = 'SMS_900001';
export const TEMPLATE_TEXT = 'Hello ${name}, your order ships today.';
export const ROOT = join(import.meta.dirname, '..', '..');

/** An emulator whose notification template is exempt from the verification-code flow control. */
export function startBulkEmulator(extra: EmulatorConfigInput = {}): Promise<RunningEmulator> {
  return startEmulator({
    port: 0,
    config: {
      signs: [{ name: SIGN, type: 'general' }],
      templates: [{ code: TEMPLATE, type: 'notification', content: TEMPLATE_TEXT }],
      maxMessages: 50_000,
      ...extra,
    },
    delivery: false,
  });
}

export async function tempDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'alisms-bulk-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A temporary folder made before the file's tests and removed after them. */
export function useTempDir(): { readonly dir: string } {
  let temp: Awaited<ReturnType<typeof tempDir>> | undefined;
  before(async () => {
    temp = await tempDir();
  });
  after(() => temp?.cleanup());
  return {
    get dir() {
      if (!temp) throw new Error('useTempDir: read before the before() hook ran');
      return temp.dir;
    },
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** What the bulk tests share: a bulk emulator and a temporary folder, made before the file's tests and closed after. */
export interface BulkFixture {
  readonly emulator: RunningEmulator;
  readonly dir: string;
  /** Runs the CLI in-process against the emulator, in `dir`. */
  cli(args: string[]): Promise<CliResult>;
}

/** Registers the file's `before`/`after` hooks for a bulk emulator (see {@link startBulkEmulator}) and a temporary folder. */
export function useBulkEmulator(extra: EmulatorConfigInput = {}): BulkFixture {
  const temp = useTempDir();
  let emulator: RunningEmulator | undefined;
  before(async () => {
    emulator = await startBulkEmulator(extra);
  });
  after(() => emulator?.close());
  const fixture: BulkFixture = {
    get emulator() {
      if (!emulator) throw new Error('useBulkEmulator: read before the before() hook ran');
      return emulator;
    },
    get dir() {
      return temp.dir;
    },
    async cli(args) {
      const captured = captureIo(cliEnv(fixture.emulator.url), temp.dir);
      const code = await run(args, captured.io);
      return { code, stdout: captured.stdout(), stderr: captured.stderr() };
    },
  };
  return fixture;
}

/** `bulk send <file> --sign SIGN --template TEMPLATE [--qps N] [--out FILE] ...more`: the command line the bulk tests repeat. */
export function bulkSendArgs(file: string, options: { qps?: number; out?: string; more?: string[] } = {}): string[] {
  return [
    'bulk',
    'send',
    file,
    '--sign',
    SIGN,
    '--template',
    TEMPLATE,
    ...(options.qps === undefined ? [] : ['--qps', String(options.qps)]),
    ...(options.out === undefined ? [] : ['--out', options.out]),
    ...(options.more ?? []),
  ];
}

/** A unique number per row, so "each row exactly once" can be checked by number. */
export function phoneOf(i: number): string {
  return `139${String(i).padStart(8, '0')}`;
}

/** Writes `rows` recipients (every `invalidEvery`-th one with a bad number) and returns the valid numbers. */
export async function writeRecipients(path: string, rows: number, invalidEvery = 0): Promise<Set<string>> {
  const valid = new Set<string>();
  const lines = ['phone,name'];
  for (let i = 0; i < rows; i++) {
    if (invalidEvery && i % invalidEvery === invalidEvery - 1) lines.push(`12${i},bad`);
    else {
      lines.push(`${phoneOf(i)},n${i}`);
      valid.add(phoneOf(i));
    }
  }
  await writeFile(path, `${lines.join('\n')}\n`);
  return valid;
}

export function cliEnv(url: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ALISMS_ENDPOINT: url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret',
    ...extra,
  };
}

/** Spawns the CLI; `exit` resolves with the code (null when killed). */
// CLI processes still running when the test process exits (a test that timed out never reached its
// `finally`) are killed, so that no worker outlives its test and takes jobs meant for the next run.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; exit: Promise<number | null>; output(): string } {
  const child = spawn(process.execPath, ['packages/cli/bin/alisms.js', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit, output: () => output };
}

/** Rows of a results file (header dropped), split on commas (our test data has none inside fields). */
export async function readResults(path: string): Promise<string[][]> {
  const text = await readFile(path, 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
}

/** Counts messages per number in the emulator. */
export function sentPerPhone(emulator: RunningEmulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of emulator.emulator.store.list({ limit: 10_000_000 })) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
  return counts;
}

/** Every valid number got exactly one message and nothing else was sent twice. */
export function assertSentOnce(emulator: RunningEmulator, valid: ReadonlySet<string>): void {
  const sent = sentPerPhone(emulator);
  assert.deepEqual(
    [...sent].filter(([, n]) => n > 1),
    [],
    'numbers sent more than once',
  );
  assert.equal(sent.size, valid.size, 'every valid row was sent');
  for (const phone of valid) assert.equal(sent.get(phone), 1, `${phone} sent ${sent.get(phone)} times`);
}

/** Resolves once the emulator holds at least `count` messages. */
export function messagesReach(emulator: RunningEmulator, count: number, timeoutMs = 180_000): Promise<void> {
  const store = emulator.emulator.store;
  return new Promise((resolve, reject) => {
    const seen = () => store.list({ limit: count }).length;
    if (seen() >= count) return resolve();
    // A deadline so that messages that never come fail the test instead of hanging the whole run.
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`messagesReach: ${seen()} of ${count} messages after ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = store.subscribe((event) => {
      if (event.type === 'message' && seen() >= count) {
        stop();
        clearTimeout(timer);
        resolve();
      }
    });
  });
}
