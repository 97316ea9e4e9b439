import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run } from './run.js';
import { captureIo } from './shared/capture-io.js';

/**
 * The usage text people read first, pinned. When a command is added or its summary changes, update
 * this snapshot in the same commit (the diff of this file is the review of the new help text).
 */
const TOP_LEVEL_HELP = `Usage: alisms [options] [command]

Aliyun SMS and Direct Mail from the command line: send, query, bulk, worker,
serve, emulator, sign, doctor

Options:
  -V, --version               output the version number
  -h, --help                  display help for command

Commands:
  send [options]              send one SMS with a template (SendSms)
  query [options]             show delivery records of one number on one day
                              (QuerySendDetails)
  bulk                        send one template to a CSV or JSON Lines file of
                              recipients
  worker [options]            send queued bulk batches (run on any number of
                              machines)
  serve [options]             run the verification-code HTTP service (with
                              --emulator: no credentials needed)
  emulator [options]          run a local Aliyun SMS + Direct Mail emulator
                              (inbox at /_emulator/)
  sign [options] [params...]  print canonical strings, string-to-sign and
                              signatures (v1 and V3) for given params
  doctor [options]            check credentials, endpoint reachability and clock
                              skew
  help [command]              display help for command
`;

async function help(argv: string[]) {
  const captured = captureIo({});
  const code = await run(argv, captured.io);
  return { code, out: captured.stdout(), err: captured.stderr() };
}

describe('alisms --help', () => {
  it('prints the pinned usage and exits 0', async () => {
    const r = await help(['--help']);
    assert.equal(r.code, 0);
    assert.equal(r.out, TOP_LEVEL_HELP);
    assert.equal(r.err, '');
  });

  it('shows each command’s usage line, options and examples', async () => {
    const expected: Record<string, RegExp[]> = {
      send: [
        /^Usage: alisms send \[options\]\n/,
        /--to <numbers>/,
        /--param <name=value>/,
        /\nExamples:\n {2}alisms send /,
      ],
      query: [
        /^Usage: alisms query \[options\]\n/,
        /--phone <number>/,
        /--biz-id <id>/,
        /\nExamples:\n {2}alisms query /,
      ],
      sign: [/^Usage: alisms sign \[options\] \[params\.\.\.\]\n/, /--secret-env <name>/, /is never printed/],
      doctor: [/^Usage: alisms doctor \[options\]\n/, /--no-signed-call/, /\nExample:\n {2}alisms doctor /],
    };
    for (const [command, patterns] of Object.entries(expected)) {
      const r = await help([command, '--help']);
      assert.equal(r.code, 0, command);
      for (const pattern of patterns) assert.match(r.out, pattern, `${command} --help`);
    }
  });

  it('is a usage error (exit 2) for an unknown command or option', async () => {
    const unknown = await help(['sned']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown command 'sned'/);
    const option = await help(['query', '--phone', '13800138000', '--nope']);
    assert.equal(option.code, 2);
    assert.match(option.err, /unknown option '--nope'/);
  });

  it('answers a usage error with the one usage line and where the rest is, not the whole help', async () => {
    const missing = await help(['bulk', 'send']);
    assert.equal(missing.code, 2);
    assert.deepEqual(missing.err.trim().split('\n'), [
      "error: missing required argument 'input'",
      'usage: alisms bulk send [options] <input>',
      "(run 'alisms bulk send --help' for every option and an example)",
    ]);
    const unknown = await help(['sned']);
    assert.ok(unknown.err.trim().split('\n').length <= 3, unknown.err);
    assert.match(unknown.err, /run 'alisms --help' for the commands/);
  });
});
