import { Command, CommanderError } from 'commander';
import { VERSION } from '../core/version.js';
import { EXIT, type CliIo, UsageError } from './io.js';

/**
 * A command module adds itself to the program. `setExit` records the exit code of the action
 * (commander's own parse result carries none).
 */
export type RegisterCommand = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

/** Command modules, in the order `alisms --help` lists them. Each file registers one command. */
async function loadCommands(): Promise<RegisterCommand[]> {
  // Loaded lazily so that `alisms send` does not pay for the server, Redis or BullMQ modules.
  const modules: Array<() => Promise<{ register: RegisterCommand }>> = [];
  return Promise.all(modules.map(async (load) => (await load()).register));
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code; never calls process.exit. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('alisms')
    .description('Aliyun SMS and Direct Mail from the command line: send, query, bulk, worker, serve, emulator, sign, doctor')
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError();
  for (const register of await loadCommands()) register(program, io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
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
