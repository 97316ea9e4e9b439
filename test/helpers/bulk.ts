// Shared set-up of the bulk tests: an emulator with a notification template, recipients files,
// and the CLI run as a child process (`node --import tsx bin/alisms.ts ...`).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmulatorConfigInput, type RunningEmulator, startEmulator } from '../src/emulator/index.js';

export const SIGN = 'Acme';
export const TEMPLATE = 'SMS_900001';
// biome-ignore lint/suspicious/noTemplateCurlyInString: an Aliyun template placeholder
export const TEMPLATE_TEXT = 'Hello ${name}, your order ships today.';
export const ROOT = join(import.meta.dirname, '..');

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
export function spawnCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; exit: Promise<number | null>; output(): string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/alisms.ts', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

/** Resolves once the emulator holds at least `count` messages. */
export function messagesReach(emulator: RunningEmulator, count: number): Promise<void> {
  const store = emulator.emulator.store;
  return new Promise((resolve) => {
    const check = () => store.list({ limit: count }).length >= count;
    if (check()) return resolve();
    const stop = store.subscribe((event) => {
      if (event.type === 'message' && check()) {
        stop();
        resolve();
      }
    });
  });
}
