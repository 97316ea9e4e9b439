import { VERSION } from 'alisms';
import { Command, CommanderError } from 'commander';
import { type CliIo, EXIT, UsageError } from './io.js';

/**
 * A command module adds itself to the program. `setExit` records the exit code of the action
 * (commander's own parse result carries none).
 */
export type RegisterCommand = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

/** Command modules, in the order `alisms --help` lists them: `src/cli/<name>.ts` exports `register`. */
export const COMMANDS = ['send', 'query', 'bulk', 'worker', 'serve', 'emulator', 'sign', 'doctor'] as const;

async function loadCommands(): Promise<RegisterCommand[]> {
  // Loaded lazily so that `alisms send` does not pay for the server, Redis or BullMQ modules at start-up
  // of unrelated commands; each module keeps its own heavy imports inside its action.
  const loaded = await Promise.all(
    COMMANDS.map(async (name) => {
      try {
        return ((await import(`./${name}.js`)) as { register: RegisterCommand }).register;
      } catch (error) {
        // A command whose module is not built yet is left out rather than breaking every other command.
        if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes(`${name}.`))
          return undefined;
        throw error;
      }
    }),
  );
  return loaded.filter((r): r is RegisterCommand => r !== undefined);
}

/**
 * After a usage error each command prints its one usage line and where the rest is, not its whole help:
 * `error: missing required argument 'input'`, `usage: alisms bulk send [options] <input>`, then the hint.
 */
function pointUsageErrorsAtHelp(command: Command, path: string): void {
  for (const sub of command.commands) {
    const name = `${path} ${sub.name()}`;
    sub.showHelpAfterError(`usage: ${name} ${sub.usage()}\n(run '${name} --help' for every option and an example)`);
    pointUsageErrorsAtHelp(sub, name);
  }
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code; never calls process.exit.
 *
 * @example
 * ```ts
 * import { run } from '@alisms/cli';
 * const code = await run(['send', '--to', '13800138000', '--sign', 'Acme', '--template', 'SMS_123'], {
 *   stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(),
 * });
 * ```
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('alisms')
    .description(
      'Aliyun SMS and Direct Mail from the command line: send, query, bulk, worker, serve, emulator, sign, doctor',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError("(run 'alisms --help' for the commands)");
  for (const register of await loadCommands()) register(program, io, (code) => (exitCode = code));
  pointUsageErrorsAtHelp(program, 'alisms');
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`alisms: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`alisms: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.apiError;
  }
  return exitCode;
}
